"""The trainer's collection: kept in the browser (localStorage), shown at `/collection?ids=` in its order, and
exported in any format of `kb.export.FORMATS` at `/collection/export.{fmt}` (the same bytes as `kb export`). The
print-ready page is `/collection/print`. Its JSON twin is `/api/cases?ids=`."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kb.errors import InvalidParameter
from kb.export import DEFAULT_TITLE, FORMATS, TEMPLATES, Collection, export, handout_html
from web.deps import IndexDep, cases_by_id, known_cases
from web.params import IdsDep
from web.templating import render

router = APIRouter()
FILENAME = "jichitai-dx-jirei"
HANDOUT_CSS = TEMPLATES / "handout.css"
Title = Annotated[str, Query(max_length=100, description="資料の題名")]
Notes = Annotated[str, Query(max_length=2000, description="資料の冒頭に載せるメモ")]


def _download(body: bytes, media_type: str, extension: str) -> Response:
    disposition = (
        f"attachment; filename={FILENAME}.{extension}; filename*=UTF-8''{quote('自治体DX事例')}.{extension}"
    )
    return Response(body, media_type=media_type, headers={"content-disposition": disposition})


def _collection(request: Request, index: IndexDep, ids: list[str], title: str, notes: str) -> Collection:
    if not ids:
        raise InvalidParameter("ids", "事例IDを1件以上指定してください")
    base = str(request.base_url).rstrip("/")
    labels = index.corpus.theme_labels()
    return Collection(
        cases_by_id(index, ids), labels, title=title or DEFAULT_TITLE, notes=notes, base_url=base
    )


@router.get("/collection", include_in_schema=False)
async def collection_page(request: Request, index: IndexDep, ids: IdsDep) -> Response:
    cases, missing = known_cases(index, ids)
    joined = ",".join(c.id for c in cases)
    context = {
        "cases": cases,
        "missing": missing,
        "ids": joined,
        "formats": FORMATS,
        "json_url": f"/api/cases?ids={joined}" if cases else None,
    }
    return render(request, "collection.html", context)


@router.get("/collection/export.{fmt}", include_in_schema=False)
async def collection_export(
    request: Request, index: IndexDep, fmt: str, ids: IdsDep, title: Title = "", notes: Notes = ""
) -> Response:
    if fmt not in FORMATS:
        raise InvalidParameter("fmt", f"書き出せる形式は {'・'.join(FORMATS)} です")
    # Every format downloads, the HTML too: saved, it stands alone (CSS inlined), which this site's CSP would
    # not let it do in place.
    return _download(
        export(_collection(request, index, ids, title, notes), fmt), FORMATS[fmt].media_type, fmt
    )


@router.get("/collection/print", include_in_schema=False)
async def handout_print(
    request: Request, index: IndexDep, ids: IdsDep, title: Title = "", notes: Notes = ""
) -> Response:
    page = handout_html(
        _collection(request, index, ids, title, notes),
        stylesheet="/collection/handout.css",
        script="/static/print.js",
    )
    return HTMLResponse(page)


@router.get("/collection/handout.css", include_in_schema=False)
async def handout_css() -> Response:
    """The handout's stylesheet, the one the exported HTML inlines (kb/templates/handout.css)."""
    return Response(HANDOUT_CSS.read_bytes(), media_type="text/css; charset=utf-8")


@router.get("/collection/handout.{fmt}", include_in_schema=False)
async def old_handout(request: Request, fmt: str) -> Response:
    """The first exports' addresses (Markdown and CSV) lead to the same files."""
    return RedirectResponse(f"/collection/export.{fmt}?{request.url.query}", status_code=308)
