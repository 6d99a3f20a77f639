"""The JSON API against docs/interfaces.md §6: shapes, the same answers as the library, 404/422 with the parameter named."""

from __future__ import annotations

import pytest

from kb.facets import COUNTED, FACETS, SIDEBAR, UNSTATED
from kb.search import Filters, SearchQuery
from kb.shapes import FacetCountsOut, search_out
from kb.stats import facet_counts

MASUDA = "masuda-kakanai-madoguchi"


def without_timing(body: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in body.items() if k != "took_ms"}


def test_search_returns_exactly_the_library_object(client, search_index):  # type: ignore[no-untyped-def]
    response = client.get(
        "/api/search", params={"q": "書かない窓口", "region": ["chugoku", "shikoku"], "limit": 5}
    )
    assert response.status_code == 200
    expected = search_out(
        search_index.search(
            SearchQuery(
                text="書かない窓口", filters=Filters.parse({"region": ["chugoku", "shikoku"]}), limit=5
            )
        )
    ).model_dump(mode="json")
    assert without_timing(response.json()) == without_timing(expected)
    body = response.json()
    assert set(body) >= {"query", "took_ms", "total", "results"}
    first = body["results"][0]
    assert set(first) >= {"id", "title", "municipalities", "level", "population", "region", "themes", "year"}
    assert set(first) >= {"outcome", "score", "snippet", "url"}
    assert "<mark>" in first["snippet"]


def test_filters_of_one_kind_or_and_kinds_and(client):  # type: ignore[no-untyped-def]
    def ids(**params):  # type: ignore[no-untyped-def]
        return {r["id"] for r in client.get("/api/search", params={"limit": 100, **params}).json()["results"]}

    chugoku, shikoku = ids(region="chugoku"), ids(region="shikoku")
    assert chugoku and shikoku
    assert ids(region=["chugoku", "shikoku"]) == chugoku | shikoku
    failures = ids(outcome="failure")
    assert ids(region="kanto", outcome="failure") == ids(region="kanto") & failures


def test_like_reranks_and_says_why(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/search", params={"q": "窓口", "like": "島根県益田市"}).json()
    assert body["like"]["code"] == "322041"
    assert any(r["like_reason"] for r in body["results"])


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10_001}, "offset"),
        ({"q": "窓" * 201}, "q"),
        ({"region": "atlantis"}, "region"),
        ({"level": "metropolis"}, "level"),
        ({"band": "huge"}, "band"),
        ({"outcome": "great"}, "outcome"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"year_min": 2024, "year_max": 2020}, "year_min"),
        ({"like": "存在しない町"}, "like"),
        ({"like": "府中市"}, "like"),  # two 府中市: ambiguous
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(client, params, param):  # type: ignore[no-untyped-def]
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["param"] == param
    assert body["status"] == 422 and body["message"]


def test_case_and_unknown_case(client):  # type: ignore[no-untyped-def]
    case = client.get(f"/api/cases/{MASUDA}").json()
    assert case["id"] == MASUDA and case["municipalities"][0]["code"] == "322041"
    assert case["sources"][0]["url"].startswith("https://")
    missing = client.get("/api/cases/no-such-case")
    assert missing.status_code == 404
    assert missing.json()["status"] == 404 and "no-such-case" in missing.json()["message"]
    assert client.get("/api/cases/no-such-case/similar").status_code == 404


def test_similar_cases_exclude_the_case_itself(client):  # type: ignore[no-untyped-def]
    body = client.get(f"/api/cases/{MASUDA}/similar", params={"limit": 3}).json()
    ids = [r["id"] for r in body["results"]]
    assert 0 < len(ids) <= 3 and MASUDA not in ids
    assert client.get(f"/api/cases/{MASUDA}/similar", params={"limit": 0}).json()["param"] == "limit"


def test_cases_by_ids_keep_the_order(client):  # type: ignore[no-untyped-def]
    ids = ["uwajima-kakanai-madoguchi", MASUDA]
    body = client.get("/api/cases", params={"ids": ",".join(ids)}).json()
    assert [c["id"] for c in body["cases"]] == ids
    assert client.get("/api/cases", params={"ids": [MASUDA, "nope"]}).status_code == 404
    assert client.get("/api/cases").json()["param"] == "ids"


@pytest.mark.parametrize("q", ["益田", "ますだ", "322041", "32204"])
def test_municipality_completion_by_name_kana_or_code(client, q):  # type: ignore[no-untyped-def]
    bodies = client.get("/api/municipalities", params={"q": q}).json()
    masuda = next(b for b in bodies if b["code"] == "322041")
    assert {k: masuda[k] for k in ("name", "code", "level", "region", "population")} == {
        "name": "島根県益田市",
        "code": "322041",
        "level": "city",
        "region": "chugoku",
        "population": 44976,  # 住民基本台帳 2022-01-01
    }
    assert masuda["fiscal_strength"] == 0.39 and "総務省" in masuda["source"]


def test_municipality_completion_bounds(client):  # type: ignore[no-untyped-def]
    everyone = client.get("/api/municipalities", params={"q": ""}).json()
    assert len(everyone) == 1788 and all(b["population"] for b in everyone)
    assert len(client.get("/api/municipalities", params={"q": "北", "limit": 3}).json()) <= 3
    assert client.get("/api/municipalities", params={"q": "あ" * 51}).status_code == 422


def test_facets_are_the_stats_of_the_corpus(client, search_index):  # type: ignore[no-untyped-def]
    body = client.get("/api/facets").json()
    assert body == {"cases": len(search_index.corpus.cases), **facet_counts(search_index.corpus.cases)}


def test_overview_locates_named_cases(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/overview").json()
    masuda = next(loc for loc in body["locations"] if loc["code"] == "322041")
    assert MASUDA in masuda["cases"] and 34 < masuda["lat"] < 35 and 131 < masuda["lng"] < 132.5


def test_healthz_names_the_build(client, search_index):  # type: ignore[no-untyped-def]
    body = client.get("/healthz").json()
    assert body == {
        "status": "ok",
        "build_id": search_index.build_id,
        "cases": len(search_index.corpus.cases),
    }


def test_openapi_documents_every_route_and_docs_are_local(client):  # type: ignore[no-untyped-def]
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/search",
        "/api/cases/{case_id}",
        "/api/cases/{case_id}/similar",
        "/api/municipalities",
    ):
        assert path in paths
    assert {"/api/facets", "/healthz"} <= set(paths)
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_unknown_routes_are_json_404_under_api(client):  # type: ignore[no-untyped-def]
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json()["status"] == 404


def test_empty_year_boxes_mean_no_bound(client):  # type: ignore[no-untyped-def]
    """A search form submitted without JS sends `year_min=&year_max=` for boxes left empty."""
    plain = client.get("/api/search", params={"q": "窓口"}).json()
    empty = client.get("/api/search", params={"q": "窓口", "year_min": "", "year_max": ""})
    assert empty.status_code == 200
    assert without_timing(empty.json()) == without_timing(plain)
    bounded = client.get("/api/search", params={"q": "窓口", "year_min": "2024", "year_max": ""}).json()
    assert bounded["total"] < plain["total"] and all(r["year"] >= 2024 for r in bounded["results"])


@pytest.mark.parametrize("value", ["abc", "1800", "20245", "2024.5"])
def test_a_bad_year_is_422_naming_it(client, value):  # type: ignore[no-untyped-def]
    for param in ("year_min", "year_max"):
        response = client.get("/api/search", params={param: value})
        assert response.status_code == 422 and response.json()["param"] == param


def test_a_wrong_method_is_405_in_japanese(client):  # type: ignore[no-untyped-def]
    response = client.post("/api/search", params={"q": "窓口"})
    assert response.status_code == 405 and "GET" in response.headers["allow"]
    body = response.json()
    assert body["message"] == "このURLは POST では使えません。" and "Method Not Allowed" not in response.text


def test_search_says_how_it_read_the_query(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/search", params={"q": "福島県の村 タブレット"}).json()
    readings = {(r["facet"], tuple(r["values"])) for r in body["interpreted"]["readings"]}
    assert ("prefecture", ("07",)) in readings and ("level", ("village",)) in readings
    assert body["results"][0]["id"] == "iitate-tablet-haifu"  # 福島県飯舘村 rises
    plain = client.get("/api/search", params={"q": "福島県の村 タブレット", "interpret": "false"}).json()
    assert plain["interpreted"] is None
    skipped = client.get("/api/search", params={"q": "福島県の村 タブレット", "skip": "prefecture:07"}).json()
    assert all(r["facet"] != "prefecture" for r in skipped["interpreted"]["readings"])
    assert client.get("/api/search", params={"q": "書かない窓口"}).json()["interpreted"] is None


def test_total_is_the_number_of_matching_cases(client, search_index):  # type: ignore[no-untyped-def]
    body = client.get("/api/search", params={"q": "RPA", "limit": 100}).json()
    assert body["total"] == len(body["results"]) < len(search_index.cases)
    assert body["total_is_estimate"] is False


def test_every_facet_is_an_api_parameter(client):  # type: ignore[no-untyped-def]
    schema = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/search/facets"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {f.name for f in FACETS} <= names, path


def test_sidebar_facets_are_on_the_page_and_counted_facets_in_the_json(client):  # type: ignore[no-untyped-def]
    page = client.get("/").text
    for facet in SIDEBAR:
        assert f'data-facet="{facet.name}"' in page
    body = client.get("/api/facets").json()
    assert {f.name for f in COUNTED} | {"cases", UNSTATED} == set(body)
    assert set(FacetCountsOut.model_json_schema()["properties"]) == set(body)


def test_town_profile_json_twin_of_the_page(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/towns/014001").json()  # 北海道倶知安町: no case of its own
    assert body["town"]["population"] == 14789 and body["town"]["fiscal_strength"] == 0.62
    assert "総務省" in body["source"] and body["line"].startswith("北海道倶知安町(町・人口1.5万人")
    assert body["cases"] == [] and body["similar"] and body["like_them"]
    assert all(t["cases"] for t in body["similar"])  # only towns with cases
    assert any(p["role"] == "self" for p in body["chart"])
    assert client.get("/api/towns/999999").status_code == 404
    page = client.get("/towns/014001").text
    assert "北海道倶知安町" in page and "総務省" in page


def test_like_explains_population_and_finances(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/search", params={"q": "窓口", "like": "北海道倶知安町", "limit": 20}).json()
    assert body["like"]["population"] == 14789 and body["like"]["fiscal_strength"] == 0.62
    reasons = " ".join(r["like_reason"] or "" for r in body["results"])
    assert "人口規模が近い" in reasons or "財政力が近い" in reasons or "同じ北海道" in reasons
