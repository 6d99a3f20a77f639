"""`/healthz`: 200 with the index's build id and case count, for scripts and monitors."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from web.deps import IndexDep
from web.schemas import Health

router = APIRouter()


@router.get("/healthz", tags=["health"], summary="稼働確認", response_model=Health)
async def healthz(index: IndexDep) -> dict[str, Any]:
    return {"status": "ok", "build_id": index.build_id, "cases": len(index.corpus.cases)}
