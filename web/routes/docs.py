"""`/docs`: Swagger UI for the API, from assets served locally (the `fastapi-offline` package ships them) and
started by `static/docs.js`, so the page works offline and under the same CSP as every other page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.templating import render

router = APIRouter()


@router.get("/docs", include_in_schema=False)
async def docs_page(request: Request) -> Response:
    return render(request, "docs.html", {"json_url": "/openapi.json"})
