"""Errors at the HTTP edge, in one place: domain errors and bad input become 404/422, never 500.

One shape per channel. JSON (`/api/...`, `/healthz`): `{"status", "error", "message"}` plus `param` for a bad
parameter. HTML: the error page, in Japanese, with the same status.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from kb.errors import IndexMissing, IndexStale, InvalidParameter, NotFound, pydantic_message
from kb.facets import FACETS
from kb.shapes import Error
from web.deps import served

JSON_PREFIXES = ("/api/", "/healthz", "/openapi.json")
TITLES = {
    400: "送られた内容を読めません",
    404: "見つかりません",
    405: "この方法では使えません",
    422: "指定に誤りがあります",
    503: "索引を使えません",
}

# For the OpenAPI document: what a 404 or 422 answers with.
ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": Error, "description": "見つからない"},
    422: {"model": Error, "description": "パラメータの誤り (`param` がその名前)"},
    400: {"model": Error, "description": "本文が JSON として読めない"},
}

# What a parameter is called on the pages, for error messages people read (the JSON keeps `param`).
PARAM_LABELS = {
    "q": "探したいこと",
    "like": "うちと似た町",
    "limit": "表示件数",
    "offset": "表示位置",
    "year_min": "開始年(から)",
    "year_max": "開始年(まで)",
    "ids": "事例の指定",
    "fmt": "書き出す形式",
    "interpret": "語の読み取り",
    **{f.name: f.title for f in FACETS},
}

MESSAGES = {  # Starlette's own errors (unknown path, wrong method, unreadable body) carry English details
    400: "送られた内容を読めません。UTF-8 の JSON で送ってください。",
    404: "ページが見つかりません。",
    405: "このURLは {method} では使えません。",
}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(JSON_PREFIXES)


def invalid_from_validation(exc: RequestValidationError) -> InvalidParameter:
    """The first problem FastAPI found, named by its parameter (`limit`, not `query.limit`)."""
    error = exc.errors()[0]
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
    param = loc[0] if loc else "request"
    return InvalidParameter(param, pydantic_message(error))


def error_response(request: Request, status: int, message: str, param: str | None = None) -> Response:
    if wants_json(request):
        body: dict[str, Any] = {"status": status, "error": TITLES.get(status, "エラー"), "message": message}
        if param is not None:
            body["param"] = param
        return JSONResponse(body, status_code=status)
    templates = served(request).templates
    field = PARAM_LABELS.get(param or "", "指定") if param else None
    context = {
        "status": status,
        "title": TITLES.get(status, "エラー"),
        "message": message,
        "param": param,
        "field": field,
    }
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def install(app: FastAPI) -> None:
    """Register the handlers: the one place where exceptions become statuses."""

    async def on_invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InvalidParameter)
        return error_response(request, 422, exc.message, exc.param)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return await on_invalid(request, invalid_from_validation(exc))

    async def on_not_found(request: Request, exc: Exception) -> Response:
        return error_response(request, 404, str(exc))

    async def on_index(request: Request, exc: Exception) -> Response:
        return error_response(request, 503, str(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        known = MESSAGES.get(exc.status_code)
        message = known.format(method=request.method) if known else str(exc.detail)
        response = error_response(request, exc.status_code, message)
        response.headers.update(exc.headers or {})
        return response

    app.add_exception_handler(InvalidParameter, on_invalid)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(NotFound, on_not_found)
    app.add_exception_handler(IndexMissing, on_index)
    app.add_exception_handler(IndexStale, on_index)
    app.add_exception_handler(HTTPException, on_http)
