"""A case: its page `/cases/{id}` (every field, similar cases) and `/api/cases/{id}`; side-by-side comparison
`/compare?ids=` and its twin `/api/cases?ids=`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kb.case import Case
from kb.errors import InvalidParameter
from kb.shapes import CasesOut, SimilarOut, hit_out
from web.deps import IndexDep, cases_by_id, known_cases
from web.errors import ERRORS
from web.params import IdsDep
from web.templating import render

router = APIRouter()
SIMILAR = 5
COMPARE_MIN, COMPARE_MAX = 2, 4
SimilarLimit = Annotated[int, Query(ge=1, le=20, description="件数")]


@router.get(
    "/api/cases", tags=["cases"], summary="複数の事例 (この順)", response_model=CasesOut, responses=ERRORS
)
async def api_cases(index: IndexDep, ids: IdsDep) -> CasesOut:
    """比較・コレクションの JSON。`ids` は繰り返すかカンマ区切り。"""
    if not ids:
        raise InvalidParameter("ids", "事例IDを1件以上指定してください")
    return CasesOut(cases=cases_by_id(index, ids))


@router.get(
    "/api/cases/{case_id}", tags=["cases"], summary="事例", response_model=Case, responses={404: ERRORS[404]}
)
async def api_case(index: IndexDep, case_id: str) -> Case:
    return index.corpus.get(case_id)


@router.get(
    "/api/cases/{case_id}/similar",
    tags=["cases"],
    summary="似た事例",
    response_model=SimilarOut,
    responses=ERRORS,
)
async def api_similar(index: IndexDep, case_id: str, limit: SimilarLimit = SIMILAR) -> SimilarOut:
    return SimilarOut(id=case_id, results=[hit_out(h) for h in index.similar(case_id, limit=limit)])


@router.get("/cases/{case_id}", include_in_schema=False)
async def case_page(request: Request, index: IndexDep, case_id: str) -> Response:
    case = index.corpus.get(case_id)
    context = {
        "case": case,
        "similar": index.similar(case_id, limit=SIMILAR),
        "json_url": f"/api/cases/{case_id}",
        "bodies": [index.corpus.registry.get(m.code) for m in case.municipalities],
    }
    return render(request, "case.html", context)


@router.get("/compare", include_in_schema=False)
async def compare_page(request: Request, index: IndexDep, ids: IdsDep) -> Response:
    """With no ids the page explains how to pick cases (and the browser fills in the ones it kept)."""
    cases, missing = known_cases(index, ids)
    if cases and not COMPARE_MIN <= len(cases) <= COMPARE_MAX:
        raise InvalidParameter("ids", f"比較できるのは {COMPARE_MIN}〜{COMPARE_MAX} 件です({len(cases)} 件)")
    joined = ",".join(c.id for c in cases)
    context = {
        "cases": cases,
        "missing": missing,
        "ids": joined,
        "json_url": f"/api/cases?ids={joined}" if cases else None,
    }
    return render(request, "compare.html", context)
