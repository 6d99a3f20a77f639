"""The trainer's collection: kept in the browser (localStorage), shown at `/collection?ids=` in its order, and
exported as a Markdown handout, a CSV for Excel and a print-ready page. Its JSON twin is `/api/cases?ids=`."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kb.errors import InvalidParameter
from web.deps import IndexDep, cases_by_id, known_cases
from web.handout import to_csv, to_markdown
from web.params import IdsDep
from web.templating import render

router = APIRouter()
FILENAME = "jichitai-dx-jirei"


def _download(body: bytes, media_type: str, extension: str) -> Response:
    disposition = (
        f"attachment; filename={FILENAME}.{extension}; filename*=UTF-8''{quote('自治体DX事例')}.{extension}"
    )
    return Response(body, media_type=media_type, headers={"content-disposition": disposition})


def _required(ids: list[str]) -> list[str]:
    if not ids:
        raise InvalidParameter("ids", "事例IDを1件以上指定してください")
    return ids


@router.get("/collection", include_in_schema=False)
async def collection_page(request: Request, index: IndexDep, ids: IdsDep) -> Response:
    cases, missing = known_cases(index, ids)
    joined = ",".join(c.id for c in cases)
    context = {
        "cases": cases,
        "missing": missing,
        "ids": joined,
        "json_url": f"/api/cases?ids={joined}" if cases else None,
    }
    return render(request, "collection.html", context)


@router.get("/collection/handout.md", include_in_schema=False)
async def handout_markdown(index: IndexDep, ids: IdsDep) -> Response:
    cases = cases_by_id(index, _required(ids))
    text = to_markdown(cases, index.corpus.theme_labels())
    return _download(text.encode("utf-8"), "text/markdown; charset=utf-8", "md")


@router.get("/collection/handout.csv", include_in_schema=False)
async def handout_csv(index: IndexDep, ids: IdsDep) -> Response:
    cases = cases_by_id(index, _required(ids))
    return _download(to_csv(cases, index.corpus.theme_labels()), "text/csv; charset=utf-8", "csv")


@router.get("/collection/print", include_in_schema=False)
async def handout_print(request: Request, index: IndexDep, ids: IdsDep) -> Response:
    cases = cases_by_id(index, _required(ids))
    return render(request, "print.html", {"cases": cases, "json_url": "/api/cases?ids=" + ",".join(ids)})
