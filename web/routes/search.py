"""Search: the page at `/` (query, facets, 「うちと似た町」, paging) and its twin `/api/search` (CONTRACT §6)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from kb.errors import InvalidParameter
from kb.search import SearchQuery, SearchResult, result_to_json
from web.deps import FacetsDep, IndexDep
from web.facets import Group
from web.links import Pager, with_params, without_value
from web.params import SearchDep
from web.schemas import ERRORS, SearchResponse
from web.templating import render

router = APIRouter()


@router.get(
    "/api/search",
    tags=["search"],
    summary="事例を検索する",
    responses={200: {"model": SearchResponse}, 422: ERRORS[422]},
    response_model=None,
)
async def api_search(index: IndexDep, query: SearchDep) -> JSONResponse:
    """`kb search --json` と同じオブジェクト。フィルタは同じ種類どうし OR、異なる種類は AND。"""
    return JSONResponse(result_to_json(index.search(query)))


def _chips(request: Request, groups: list[Group], query: SearchQuery) -> list[tuple[str, str]]:
    """Active filters as (label, link that removes it)."""
    chips = [
        (f"{g.title}: {o.label}", without_value(request, g.param, o.value))
        for g in groups
        for o in g.options
        if o.selected
    ]
    filters = query.filters
    for param, year, label in (
        ("year_min", filters.year_min, "以降"),
        ("year_max", filters.year_max, "以前"),
    ):
        if year is not None:
            chips.append((f"{year}年{label}", with_params(request, **{param: None})))
    return chips


@router.get("/", include_in_schema=False)
async def search_page(request: Request, index: IndexDep, facets: FacetsDep, query: SearchDep) -> Response:
    result: SearchResult | None = None
    error: InvalidParameter | None = None
    try:
        result = index.search(query)
    except (
        InvalidParameter
    ) as e:  # e.g. an ambiguous 「うちと似た町」: show it beside the field, keep the form
        error = e
    groups = facets.groups(query.filters)
    context = {
        "query": query,
        "result": result,
        "error": error,
        "groups": groups,
        "chips": _chips(request, groups, query),
        "pager": Pager(result.total, query.offset, query.limit) if result else None,
        "page_url": lambda offset: with_params(request, offset=offset or None),
        "json_url": with_params(request, path="/api/search", offset=query.offset or None),
    }
    return render(request, "search.html", context, status_code=422 if error else 200)
