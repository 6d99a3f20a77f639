"""The app factory: `create_app(settings)` opens the index once and wires routes, static files and errors.

Start-up fails fast with the library's own message (`IndexMissing` → "run `kb build`") so `kb serve` can print
it.

Threads: a search takes about a millisecond of CPU, mostly Python under the GIL, so routes are `async` and call
the library on the event loop's thread instead of hopping to a worker thread per request. FAISS (OpenMP), BLAS
and torch are pinned to one thread *on that thread* at start-up: OpenMP's setting is per thread, and a FAISS
query in a thread left at the default spun a second core for nothing (2.5× the CPU per search, measured).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from threadpoolctl import threadpool_limits

from kb.search import open_index
from kb.settings import Settings
from web import errors
from web.reload import _stamp, serve, watch
from web.routes import ROUTERS
from web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"
SWAGGER = Path(fastapi_offline.__file__).parent / "static"
DESCRIPTION = """自治体DX事例ナレッジベースの JSON API。画面 (`/`) と同じライブラリ呼び出しで答えます。

誤ったパラメータは 422 (`param` にその名前)、存在しない事例は 404 を、どちらも JSON で返します。"""


def limit_native_threads() -> None:
    """One native thread per search in the calling thread: BLAS, OpenMP (FAISS) and torch, if loaded."""
    threadpool_limits(limits=1)
    import faiss

    faiss.omp_set_num_threads(1)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    limit_native_threads()  # runs on the event loop's thread, where the routes call the library
    watcher = asyncio.create_task(watch(app, app.state.settings.reload_interval))
    try:
        yield
    finally:
        watcher.cancel()


def create_app(settings: Settings) -> FastAPI:
    index = open_index(settings)
    limit_native_threads()
    app = FastAPI(
        lifespan=lifespan,
        title="自治体DX事例ナレッジベース",
        version="1",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        redirect_slashes=False,  # a redirect would be built from the request's Host header: 404 instead
    )
    app.state.settings = settings
    app.state.served = serve(index)
    app.state.stamp = _stamp(settings.index)
    app.add_middleware(SecurityHeaders)
    errors.install(app)
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    return app
