"""Query understanding: places, sizes and outcome words become soft preferences and leave the text."""

from __future__ import annotations

import pytest

from kb.municipalities import load_registry
from kb.search.tokenize import Analyzer
from kb.search.understand import understand


@pytest.fixture(scope="module")
def read():  # type: ignore[no-untyped-def]
    analyzer, registry = Analyzer(), load_registry()
    return lambda text, skip=frozenset(): understand(text, analyzer, registry, frozenset(skip))


def test_prefecture_and_small_town(read):  # type: ignore[no-untyped-def]
    u = read("DXの推進をけん引した福島県の小さな町")
    assert u.prefer["prefecture"] == ["07"] and u.prefer["level"] == ["town"]
    assert set(u.prefer["band"]) == {"lt10k", "10k-50k"}
    assert u.interpretation.labels[:2] == ["福島県", "小さな町"]
    assert u.lexical_text == u.dense_text == "DXの推進をけん引した"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("三鷹市 書かない窓口", "132047"),
        ("横須賀 ChatGPT", "142018"),
        ("島根県益田市 書かない窓口", "322041"),
        ("直方の住基", "402044"),
    ],
)
def test_municipalities_with_or_without_suffix(read, query, code):  # type: ignore[no-untyped-def]
    u = read(query)
    assert u.prefer == {"municipality": [code]}
    assert "prefecture" not in u.prefer  # 島根県益田市 is one name


def test_municipality_names_stay_in_the_lexical_text_only(read):  # type: ignore[no-untyped-def]
    u = read("三鷹市 書かない窓口")
    assert "三鷹" in u.lexical_text and "三鷹" not in u.dense_text


@pytest.mark.parametrize(("query", "code"), [("町田市のメタバース", "132098"), ("村上市 防災", "152129")])
def test_a_city_named_with_machi_or_mura_is_not_a_size(read, query, code):  # type: ignore[no-untyped-def]
    u = read(query)
    assert u.prefer == {"municipality": [code]} and "level" not in u.prefer


def test_fuchu_ambiguity(read):  # type: ignore[no-untyped-def]
    both = read("府中市 AI")
    assert sorted(both.prefer["municipality"]) == ["132063", "342084"]  # 東京都 and 広島県
    assert "東京都" in both.interpretation.labels[0] and "広島県" in both.interpretation.labels[0]
    assert read("広島県府中市 GIS").prefer == {"municipality": ["342084"]}
    assert read("府中 AI").prefer == {}  # the bare stem is also 府中町: left as a word


@pytest.mark.parametrize(
    ("query", "facet", "values"),
    [
        ("九州の村の防災", "region", ["kyushu_okinawa"]),
        ("関西の中核市 窓口改革", "region", ["kinki"]),
        ("北陸 キャッシュレス", "prefecture", ["15", "16", "17", "18"]),
        ("山陰の町", "prefecture", ["31", "32"]),
        ("北海道の村 RPA", "prefecture", ["01"]),
    ],
)
def test_regions_by_their_common_names(read, query, facet, values):  # type: ignore[no-untyped-def]
    assert read(query).prefer[facet] == values


def test_kitakyushu_is_a_city_not_the_region(read):  # type: ignore[no-untyped-def]
    assert read("北九州市 DX").prefer == {"municipality": ["401005"]}


@pytest.mark.parametrize(
    ("query", "facet", "values"),
    [
        ("政令市で生成AIを全庁に入れたところ", "level", ["designated_city"]),
        ("中核市 窓口", "level", ["core_city"]),
        ("特別区の子育てアプリ", "level", ["special_ward"]),
        ("人口1万人未満の町のオンライン申請", "band", ["lt10k"]),
        ("人口5万人以下 RPA", "band", ["lt10k", "10k-50k"]),
        ("人口20万人以上の市 データ活用", "band", ["200k-500k", "ge500k"]),
        ("小規模自治体 RPA", "band", ["lt10k", "10k-50k"]),
        ("町村の電子申請", "level", ["town", "village"]),
    ],
)
def test_size_words(read, query, facet, values):  # type: ignore[no-untyped-def]
    assert read(query).prefer[facet] == values


def test_a_bare_size_word_is_a_weaker_hint_than_a_small_town(read):  # type: ignore[no-untyped-def]
    assert read("窓口を変えた町").weights["level"] < read("窓口を変えた小さな町").weights["level"]


@pytest.mark.parametrize(
    "query", ["ネット申請がほとんど使われなかった", "RPA 失敗", "アプリ うまくいかなかった", "教訓 標準化"]
)
def test_outcome_words_prefer_failures_and_mixed(read, query):  # type: ignore[no-untyped-def]
    u = read(query)
    assert u.prefer["outcome"] == ["failure", "mixed"] and "失敗・課題あり" in u.interpretation.labels


@pytest.mark.parametrize(
    "query", ["書かない窓口", "町内会 回覧板 デジタル", "ガバメントクラウド 移行 費用", "村おこし"]
)
def test_a_query_without_such_words_is_left_as_it_is(read, query):  # type: ignore[no-untyped-def]
    u = read(query)
    assert u.prefer == {} and u.lexical_text == u.dense_text == query


def test_a_removed_reading_stays_a_word(read):  # type: ignore[no-untyped-def]
    u = read("福島県の町 DX", skip={"prefecture:07"})
    assert "prefecture" not in u.prefer and "福島県" in u.lexical_text


@pytest.mark.parametrize(
    "query", ["県と市町村がいっしょにDXを進める枠組み", "人材を町だけで雇えないので県や他の市町と共同で確保"]
)
def test_level_words_of_two_kinds_relate_bodies_and_stay_words(read, query):  # type: ignore[no-untyped-def]
    u = read(query)
    assert u.prefer == {} and u.lexical_text == u.dense_text == query


def test_the_longest_size_phrase_wins(read):  # type: ignore[no-untyped-def]
    u = read("市町村のDX")  # not 市 + 町村
    assert u.prefer == {} and u.lexical_text == "DX"


def test_a_place_glued_to_a_name_is_preferred_and_stays_in_the_text(read):  # type: ignore[no-untyped-def]
    u = read("ガブテック東京")
    assert u.prefer == {"prefecture": ["13"]}
    assert u.lexical_text == u.dense_text == "ガブテック東京"
    assert read("東京のガブテック").lexical_text == "ガブテック"  # standing alone, it is only a place
