"""`/healthz`: 200 with the index's build id and case count, for scripts and monitors (GET and HEAD)."""

from __future__ import annotations

from fastapi import APIRouter

from kb.shapes import Health
from web.deps import IndexDep

router = APIRouter()


@router.get("/healthz", tags=["health"], summary="稼働確認", response_model=Health)
async def healthz(index: IndexDep) -> Health:
    return Health(status="ok", build_id=index.build_id, cases=len(index.corpus.cases))


@router.head("/healthz", include_in_schema=False)
async def healthz_head(index: IndexDep) -> Health:
    """Monitors that probe with HEAD get the same status (the server sends no body)."""
    return await healthz(index)
