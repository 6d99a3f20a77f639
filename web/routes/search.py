"""Search: the page at `/` (query, facets, 「うちと似た町」, paging) and its twins `/api/search` (docs/interfaces.md §6) and
`/api/search/facets` (the sidebar's counts)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kb.errors import InvalidParameter
from kb.facets import FACETS, UNSTATED, UNSTATED_LABEL
from kb.search import SearchQuery, SearchResult
from kb.shapes import SearchFacetsOut, SearchOut, search_out
from kb.towns import profile_line
from web.deps import IndexDep
from web.errors import ERRORS
from web.links import Pager, adding, with_params, without_value
from web.params import SearchDep
from web.templating import render

router = APIRouter()


@router.get(
    "/api/search",
    tags=["search"],
    summary="事例を検索する",
    response_model=SearchOut,
    responses={422: ERRORS[422]},
)
async def api_search(index: IndexDep, query: SearchDep) -> SearchOut:
    """`kb search --json` と同じオブジェクト。フィルタは同じ種類どうし OR、異なる種類は AND。"""
    return search_out(index.search(query))


@router.get(
    "/api/search/facets",
    tags=["search"],
    summary="絞り込みの件数",
    response_model=SearchFacetsOut,
    responses={422: ERRORS[422]},
)
async def api_search_facets(index: IndexDep, query: SearchDep) -> SearchFacetsOut:
    """検索画面の絞り込み欄と同じ件数: 各値を選んだら何件になるか (同じ種類の他の選択は数えない)。"""
    return SearchFacetsOut(query=query.text, groups=index.facet_counts(query))


def _readings(request: Request, result: SearchResult | None) -> list[dict[str, str]]:
    """What the query's words were read as, each with a link that removes the reading (the words become plain
    words again) and one that turns it into a hard filter."""
    if result is None or result.interpreted is None:
        return []
    out = []
    for r in result.interpreted.readings:
        skips = [("skip", f"{r.facet}:{v}") for v in r.values]
        out.append(
            {
                "label": r.label,
                "words": r.words,
                "remove": adding(request, skips),
                "filter": adding(request, [*((r.facet, v) for v in r.values), *skips]),
            }
        )
    return out


def _chips(request: Request, index: IndexDep, query: SearchQuery) -> list[tuple[str, str]]:
    """Active filters as (label, link that removes it), for every facet including those not in the sidebar."""
    chips = []
    for facet in FACETS:
        chosen = query.filters.of(facet.name)
        if not chosen:
            continue
        labels = facet.value_labels(index.corpus)
        for value in sorted(chosen):
            label = UNSTATED_LABEL + "を含む" if value == UNSTATED else labels.get(value, value)
            chips.append((f"{facet.title}: {label}", without_value(request, facet.name, value)))
    filters = query.filters
    for param, year, label in (
        ("year_min", filters.year_min, "以降"),
        ("year_max", filters.year_max, "以前"),
    ):
        if year is not None:
            chips.append((f"{year}年{label}", with_params(request, **{param: None})))
    return chips


@router.get("/", include_in_schema=False)
async def search_page(request: Request, index: IndexDep, query: SearchDep) -> Response:
    result: SearchResult | None = None
    error: InvalidParameter | None = None
    try:
        result = index.search(query)
    except (
        InvalidParameter
    ) as e:  # e.g. an ambiguous 「うちと似た町」: show it beside the field, keep the form
        error = e
    try:
        groups = index.facet_counts(query)
    except InvalidParameter:
        groups = index.facet_counts(SearchQuery())
    context = {
        "query": query,
        "result": result,
        "error": error,
        "groups": groups,
        "chips": _chips(request, index, query),
        "readings": _readings(request, result),
        "filtered": query.filters.active,
        "like_line": profile_line(result.like) if result and result.like else None,
        "pager": Pager(result.total, query.offset, query.limit) if result else None,
        "page_url": lambda offset: with_params(request, offset=offset or None),
        "json_url": with_params(request, path="/api/search", offset=query.offset or None),
    }
    return render(request, "search.html", context, status_code=422 if error else 200)
