"""The Japanese text pipeline: normalization, lemma terms, stop-words, synonyms, offsets."""

from pathlib import Path

import pytest

from kb.errors import KBError
from kb.search.synonyms import SynonymTable, load_synonyms
from kb.search.tokenize import Analyzer, normalize

SYNONYMS = Path(__file__).parents[2] / "corpus" / "synonyms.yaml"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(load_synonyms(SYNONYMS.parent))


def test_nfkc_and_whitespace():
    assert normalize("ＡＩ－ＯＣＲ\u3000導入 ") == "AI-OCR 導入"


def test_lemmas_strip_loanword_gloss_and_drop_function_words(analyzer):
    terms = analyzer.terms("行政手続のオンライン化を進めている")
    assert "手続き" in terms  # 手続 → lemma 手続き
    assert "オン" in terms and "ライン" in terms  # not オン-on
    assert not {"の", "を", "て", "居る", "為る"} & set(terms)


def test_conjugated_forms_share_a_term(analyzer):
    assert "書く" in analyzer.terms("書かない") and "書く" in analyzer.terms("書いた")


@pytest.mark.parametrize(
    "query, term", [("窓口", "窓口"), ("AI", "ai"), ("ＤＸ", "dx"), ("GIS", "gis"), ("町", "町")]
)
def test_one_and_two_character_queries_keep_their_term(analyzer, query, term):
    assert term in analyzer.terms(query)


def test_synonyms_join_variants_in_queries_and_documents(analyzer):
    query = analyzer.analyze("ガバクラへの移行")
    doc = analyzer.analyze("ガバメントクラウドに載せ替えた")
    assert "≡ガバメントクラウド" in query.terms() and "≡ガバメントクラウド" in doc.terms()
    assert "≡住民基本台帳" in analyzer.terms("住基ネット")


def test_a_staff_paraphrase_finds_the_kakanai_madoguchi_group(analyzer):
    assert "≡書かない窓口" in analyzer.terms("申請書を書かなくていい窓口を作った町")


def test_a_variant_inside_a_longer_word_does_not_count(analyzer):
    assert not analyzer.analyze("マイナスの効果").synonyms


def test_offsets_point_into_the_normalized_text(analyzer):
    analysis = analyzer.analyze("本市は「書かない窓口」を開設")
    for token in analysis.tokens:
        assert analysis.text[token.start : token.end] == token.surface
    (match,) = [m for m in analysis.synonyms if m.representative == "書かない窓口"]
    assert analysis.text[match.start : match.end] == "書かない窓口"


def test_without_a_synonym_file_there_are_no_groups(tmp_path):
    table = load_synonyms(tmp_path)
    assert table.groups == [] and table.digest == "none"
    assert Analyzer(table).terms("ガバクラ") and not Analyzer(table).analyze("住基").synonyms


def test_a_malformed_synonym_file_is_refused(tmp_path):
    (tmp_path / "synonyms.yaml").write_text("- [ひとつだけ]\n", encoding="utf-8")
    with pytest.raises(Exception, match="2語以上"):
        load_synonyms(tmp_path)


def test_the_digest_changes_with_the_dictionary(tmp_path):
    (tmp_path / "synonyms.yaml").write_text("- [住基, 住民基本台帳]\n", encoding="utf-8")
    first = load_synonyms(tmp_path).digest
    (tmp_path / "synonyms.yaml").write_text("- [住基, 住民基本台帳, 住基ネット]\n", encoding="utf-8")
    assert load_synonyms(tmp_path).digest != first
    assert isinstance(load_synonyms(tmp_path), SynonymTable)


def test_a_synonym_file_is_read_like_every_curator_file(tmp_path):
    path = tmp_path / "synonyms.yaml"
    path.write_text("- [住基, 住民基本台帳]\n- [ガバクラ, ガバメントクラウド\n", encoding="utf-8")
    with pytest.raises(KBError, match=r"synonyms\.yaml:\d+: YAMLの構文エラー"):
        load_synonyms(tmp_path)
    path.write_bytes("- [住基, 住民基本台帳]\n".encode("cp932"))
    with pytest.raises(KBError, match="UTF-8"):
        load_synonyms(tmp_path)


def test_a_malformed_group_is_named_by_its_line(tmp_path):
    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - [住基, 住民基本台帳]\n  - [ひとつだけ]\n", encoding="utf-8"
    )
    with pytest.raises(KBError, match=r"synonyms\.yaml:3: .*2語以上"):
        load_synonyms(tmp_path)


def test_the_digest_ignores_comments_and_layout(tmp_path):
    (tmp_path / "synonyms.yaml").write_text("- [住基, 住民基本台帳]\n", encoding="utf-8")
    first = load_synonyms(tmp_path).digest
    (tmp_path / "synonyms.yaml").write_text("# 表記ゆれ\n-   - 住基\n    - 住民基本台帳\n", encoding="utf-8")
    assert load_synonyms(tmp_path).digest == first
