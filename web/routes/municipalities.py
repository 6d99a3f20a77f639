"""Municipality completion for 「うちと似た町」: `/api/municipalities?q=` by name, kana or code (CONTRACT §6)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from web.deps import IndexDep
from web.schemas import ERRORS, MunicipalityOut

router = APIRouter()


@router.get(
    "/api/municipalities",
    tags=["municipalities"],
    summary="自治体名の補完",
    response_model=list[MunicipalityOut],
    responses={422: ERRORS[422]},
)
async def api_municipalities(
    index: IndexDep,
    q: Annotated[str, Query(max_length=50, description="名前・かな・コードの先頭")] = "",
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[dict[str, Any]]:
    """人口はコーパスの事例に数字がある団体だけ (ほかは null)。"""
    return [
        {
            "name": b.name,
            "code": b.code,
            "level": b.level.value,
            "region": b.region.value,
            "population": b.population,
        }
        for b in index.corpus.registry.complete(q, limit=limit)
    ]
