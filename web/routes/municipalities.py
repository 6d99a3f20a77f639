"""Municipalities: completion for 「うちと似た町」 (`/api/municipalities?q=`, docs/interfaces.md §6) with every body's official
figures, and the town page `/towns/{code}` with its twin `/api/towns/{code}` (`kb town`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kb.errors import TownNotFound
from kb.municipalities import Municipality
from kb.shapes import MunicipalityOut, TownOut, body_out
from kb.towns import lead_cases, town_profile
from web.charts import town_chart
from web.deps import IndexDep
from web.errors import ERRORS
from web.templating import render

router = APIRouter()


@router.get(
    "/api/municipalities",
    tags=["municipalities"],
    summary="自治体名の補完 (公的統計つき)",
    response_model=list[MunicipalityOut],
    responses={422: ERRORS[422]},
)
async def api_municipalities(
    index: IndexDep,
    q: Annotated[
        str, Query(max_length=50, description="名前・かな・ローマ字・コードの先頭 (空なら全団体)")
    ] = "",
    limit: Annotated[int, Query(ge=1, le=2000, description="件数 (q が空なら既定で全団体)")] = 10,
) -> list[MunicipalityOut]:
    """人口・世帯数・財政力指数は総務省の公的統計 (`source` に出典)。`cases` はその団体が主体の事例数。"""
    counts = {code: len(cases) for code, cases in lead_cases(index.corpus).items()}
    registry = index.corpus.registry
    bodies = registry.complete(q, limit=limit) if q else sorted(registry, key=lambda b: b.code)
    return [body_out(b, counts.get(b.code, 0)) for b in bodies]


def _body(index: IndexDep, code: str) -> Municipality:
    found = index.corpus.registry.lookup(code) if code.isdigit() else []
    if len(found) != 1:
        raise TownNotFound(code)
    return found[0]


@router.get(
    "/api/towns/{code}",
    tags=["municipalities"],
    summary="自治体のプロフィール",
    response_model=TownOut,
    responses={404: ERRORS[404]},
)
async def api_town(index: IndexDep, code: str) -> TownOut:
    """公的統計、その団体の事例、似た団体 (理由つき) とそれらの事例をテーマ別に。`kb town` と同じ。"""
    return town_profile(_body(index, code), index.corpus)


@router.get("/towns/{code}", include_in_schema=False)
async def town_page(request: Request, index: IndexDep, code: str) -> Response:
    body = _body(index, code)
    profile = town_profile(body, index.corpus)
    context = {
        "body": body,
        "profile": profile,
        "chart": town_chart(profile),
        "json_url": f"/api/towns/{body.code}",
    }
    return render(request, "town.html", context)
