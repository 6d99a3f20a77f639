"""Curators without a terminal: 「事例を提案する」 at `/suggest` and 「この事例の誤りを報告」 at `/suggest?report=<id>`.

The page builds the case file from a form, shows the YAML the project would store, and checks it live with
`POST /api/validate` (the same problems as `kb validate`). The result can be downloaded, and when the operator
configured a repository (`KB_REPO_URL`), sent as a prefilled new issue or new file there. Nothing is fetched
from the network by this page.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from kb.corpus import validate_text
from kb.shapes import Shape
from kb.yamlfile import MAX_BYTES
from web.deps import IndexDep
from web.errors import ERRORS
from web.templating import render

router = APIRouter()


class ValidateIn(BaseModel):
    yaml: str = Field(max_length=MAX_BYTES, description="事例ファイル (YAML) の全文")
    filename: str = Field(
        "new-case.yaml",
        max_length=120,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.yaml)?$",
        description="保存するファイル名 (id.yaml)。英数字・ハイフンのみ",
    )


class ProblemOut(Shape):
    line: int
    field: str
    message: str
    text: str = Field(description="`kb validate` と同じ一行 (ファイル:行: 項目: 内容)")


class ValidateOut(Shape):
    ok: bool
    problems: list[ProblemOut]


@router.post(
    "/api/validate",
    tags=["curation"],
    summary="事例ファイルを検証する",
    response_model=ValidateOut,
    responses={400: ERRORS[400], 422: ERRORS[422]},
)
async def api_validate(index: IndexDep, body: Annotated[ValidateIn, Body()]) -> ValidateOut:
    """`kb validate` と同じ規則・同じ文面で、事例ファイルの問題をすべて返す (保存はしない)。"""
    result = validate_text(index.corpus.root, body.yaml, body.filename)
    problems = [
        ProblemOut(line=p.line, field=p.field, message=p.message, text=str(p)) for p in result.problems
    ]
    return ValidateOut(ok=result.ok, problems=problems)


@router.get("/suggest", include_in_schema=False)
async def suggest_page(
    request: Request,
    index: IndexDep,
    report: Annotated[str | None, Query(max_length=120, description="誤りを報告する事例のID")] = None,
) -> Response:
    case = index.corpus.get(report) if report else None
    path = index.corpus.paths.get(case.id) if case else None
    context = {
        "case": case,
        "case_yaml": path.read_text(encoding="utf-8") if path else "",
        "repo_url": request.app.state.settings.repo_url.rstrip("/"),
        "today": dt.date.today().isoformat(),
        "json_url": None,
    }
    return render(request, "suggest.html", context)
