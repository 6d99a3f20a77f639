"""Search over the fixture corpus: hybrid ranking, short queries, filters, like, snippets, similar, JSON."""

import pytest

from kb.errors import CaseNotFound, InvalidParameter
from kb.search import Filters, SearchQuery
from kb.shapes import search_out

PLURALS = {"themes": "theme", "regions": "region", "levels": "level", "bands": "band", "outcomes": "outcome"}


def ids(result):
    return [h.case.id for h in result.hits]


def search(index, text="", **kw):
    values = {
        PLURALS.get(k, k): kw.pop(k) for k in list(kw) if k in PLURALS or k in ("prefecture", "municipality")
    }
    filters = Filters.parse(values, kw.pop("year_min", None), kw.pop("year_max", None))
    return index.search(SearchQuery(text=text, filters=filters, **kw))


def test_a_staff_paraphrase_finds_the_kakanai_madoguchi_cases_first(search_index):
    top = ids(search(search_index, "申請書を書かなくていい窓口を作った町"))[:2]
    assert set(top) == {"uwajima-kakanai-madoguchi", "masuda-kakanai-madoguchi"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("窓口", "uwajima-kakanai-madoguchi"),
        ("GIS", "nogata-juki-point-gis"),
        ("RPA", "anonymous-rpa-small-town"),
        ("ガバクラ", "moka-gov-cloud"),
        ("住基", "nogata-juki-point-gis"),
        ("村", "toshima-tablet"),
    ],
)
def test_short_queries_work(search_index, query, expected):
    assert expected in ids(search(search_index, query, limit=3))


def test_each_leg_alone_and_fused(search_index):
    for mode in ("lexical", "bigram", "dense", "hybrid"):
        result = search(search_index, "ガバメントクラウド 移行 費用", mode=mode, limit=3)
        assert {"moka-gov-cloud", "tokyo-gov-cloud-cost"} & set(ids(result)), mode


def test_filters_never_return_filtered_out_cases_and_keep_every_match(search_index):
    unfiltered = search(search_index, "窓口", limit=100)
    kanto = {h.case.id for h in unfiltered.hits if h.case.region and h.case.region.value == "kanto"}
    result = search(search_index, "窓口", regions=["kanto"], limit=100)
    assert kanto and {h.case.id for h in result.hits} == kanto and result.total == len(kanto)
    assert all(h.case.region.value == "kanto" for h in result.hits)
    themed = search(search_index, "アプリ", themes=["kosodate", "bousai"], levels=["village", "special_ward"])
    assert themed.hits
    for hit in themed.hits:
        assert {"kosodate", "bousai"} & set(hit.case.themes)
        assert hit.case.level.value in ("village", "special_ward")


def test_year_and_outcome_filters(search_index):
    result = search(search_index, "", outcomes=["failure"], year_min=2020, limit=50)
    assert result.hits and all(h.case.outcome.value == "failure" and h.case.year >= 2020 for h in result.hits)


def test_unknown_filter_values_name_the_parameter(search_index):
    with pytest.raises(InvalidParameter) as err:
        search(search_index, "窓口", themes=["no-such-theme"])
    assert err.value.param == "theme"
    with pytest.raises(InvalidParameter) as err:
        Filters.parse({"band": ["huge"]})
    assert err.value.param == "band"
    with pytest.raises(InvalidParameter) as err:
        Filters.parse(year_min=2024, year_max=2020)
    assert err.value.param == "year_min"
    assert Filters.parse({"region": ["kanto,chugoku"]}).of("region") == {"kanto", "chugoku"}


def test_empty_text_browses_newest_first(search_index):
    result = search(search_index, "", limit=50)
    assert result.total == len(search_index.cases)
    years = [h.case.year for h in result.hits]
    assert years == sorted(years, reverse=True)


def test_like_ranks_towns_of_a_similar_size_and_place_higher(search_index):
    plain = search(search_index, "タブレット 配布", limit=5)
    like = search(search_index, "タブレット 配布", like="東京都御蔵島村", limit=5)
    assert like.like is not None and like.like.name == "東京都御蔵島村"
    assert ids(like)[0] == "toshima-tablet"  # a village of the same prefecture
    assert like.hits[0].like_reason and "同じ東京都" in like.hits[0].like_reason
    assert all(h.like_reason is None for h in plain.hits)
    browse = search(search_index, "", like="島根県益田市", limit=3)
    assert ids(browse)[0] == "masuda-kakanai-madoguchi"


def test_browsing_with_like_puts_the_most_alike_towns_first(search_index):
    result = search(search_index, "", like="東京都利島村", limit=50)
    assert ids(result)[0] == "toshima-tablet"  # a village of the same prefecture, nearby
    order = [(-h.like_score, -h.case.year) for h in result.hits]
    assert order == sorted(order)  # by likeness, then newest first
    assert result.hits[0].score == result.hits[0].like_score
    assert result.total == len(search_index.cases)


def test_like_must_name_one_municipality(search_index):
    for bad in ("府中市", "どこにもない市"):
        with pytest.raises(InvalidParameter) as err:
            search(search_index, "窓口", like=bad)
        assert err.value.param == "like"


def test_snippets_mark_matches_and_escape_the_rest(search_index):
    hit = search(search_index, "ガバクラ", limit=1).hits[0]
    assert "<mark>ガバメントクラウド</mark>" in hit.snippet
    assert "【ガバメントクラウド】" in hit.snippet_text
    hit = search(search_index, "<script>窓口", limit=1).hits[0]
    assert "<script>" not in hit.snippet and "<mark>窓口</mark>" in hit.snippet


def test_offset_pages_through_the_same_ranking(search_index):
    everything = ids(search(search_index, "窓口", limit=6))
    assert ids(search(search_index, "窓口", limit=3, offset=3)) == everything[3:6]


def test_total_and_order_are_the_same_on_every_page(search_index, monkeypatch):
    # Each leg's depth is 100 and the fixture corpus has 13 cases: shrink the depth so the legs cut somewhere.
    monkeypatch.setattr("kb.search.index.CANDIDATES", 3)
    first = search(search_index, "窓口", limit=2)
    assert 3 <= first.total < len(search_index.cases)
    for offset in (2, 4, first.total, 100, 5000):
        assert search(search_index, "窓口", limit=2, offset=offset).total == first.total, offset
    paged = [
        i for o in range(0, first.total, 2) for i in ids(search(search_index, "窓口", limit=2, offset=o))
    ]
    assert paged == ids(search(search_index, "窓口", limit=first.total))
    assert search(search_index, "窓口", limit=2, offset=first.total).hits == []


def test_similar_cases(search_index):
    similar = search_index.similar("uwajima-kakanai-madoguchi", limit=3)
    assert "uwajima-kakanai-madoguchi" not in [h.case.id for h in similar]
    assert similar[0].case.id == "masuda-kakanai-madoguchi"
    with pytest.raises(CaseNotFound):
        search_index.similar("no-such-case")


def test_json_is_the_contract_object(search_index):
    data = search_out(search(search_index, "窓口", limit=2)).model_dump(mode="json")
    assert {"query", "took_ms", "total", "results"} <= data.keys()
    first = data["results"][0]
    contract = {"id", "title", "municipalities", "level", "population", "region", "themes", "year", "outcome"}
    assert contract | {"score", "snippet", "url"} <= first.keys()
    assert first["municipalities"][0].keys() == {"name", "code"}
    assert first["url"].startswith("http")
    assert isinstance(data["took_ms"], float) and data["query"] == "窓口"


@pytest.mark.parametrize("text", ["の、を", "を", "する", "、", "。", " 。 "])
@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
def test_queries_without_any_content_word_return_nothing(search_index, text, mode):
    result = search(search_index, text, mode=mode)
    assert result.total == 0 and result.hits == []


def test_unknown_words_are_found_as_substrings_of_every_searched_field(search_index):
    # No term of the corpus contains these, so the substring fallback answers. It reads the fields the lexical
    # leg indexes: a vendor (パイオニアVC) and a theme label (教育・GIGAスクール) too, not only the prose.
    assert ids(search(search_index, "イオニア", mode="lexical")) == ["takagi-enkaku-godo-jugyo"]
    assert ids(search(search_index, "クール", mode="lexical")) == ["takagi-enkaku-godo-jugyo"]
    assert "uwajima-kakanai-madoguchi" in ids(search(search_index, "窓", mode="lexical", limit=3))


def test_total_counts_matching_cases_not_the_depth_of_a_leg(search_index):
    """「RPA」 matches the cases that mention RPA (or are close in meaning), not every case a leg returned."""
    result = search(search_index, "RPA", limit=100)
    mentions = {c.id for c in search_index.cases if "RPA" in c.model_dump_json()}
    assert mentions <= {h.case.id for h in result.hits}
    assert result.total == len(result.hits) < len(search_index.cases)
    assert not result.total_is_estimate


def test_a_word_only_its_bigrams_find_still_matches(search_index):
    """A name the analyzer splits oddly (いたばしPay-like coinages) is found by the character-bigram leg."""
    case = search_index.corpus.get("nogata-juki-point-gis")
    word = next(w for w in ("住基ポイント", "住基") if w in case.model_dump_json())
    assert "nogata-juki-point-gis" in ids(search(search_index, word, mode="bigram", limit=3))
