"""Hot reload: a running server notices a new index (its manifest changed, or SIGHUP) and swaps to it without
dropping a request.

What a request needs from the index is one immutable bundle, `Served` (the index and what the app derives from
its corpus: the map and the templates). A request takes the bundle once, at its start, so a swap mid-request
cannot mix two builds; the swap itself is one assignment. The new index is opened in a worker thread while the
old one keeps serving; if it cannot be opened (a build in progress, a broken corpus), the old one stays and the
reason is logged. `/healthz` reports the build the server is serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.templating import Jinja2Templates

from kb.errors import KBError
from kb.search import Index, open_index
from kb.search.manifest import FILE
from kb.settings import Settings
from web.japan_map import JapanMap, build_map
from web.templating import make_templates

log = logging.getLogger("kb.reload")


@dataclass(frozen=True)
class Served:
    index: Index
    japan_map: JapanMap
    templates: Jinja2Templates


def serve(index: Index) -> Served:
    return Served(index, build_map(index.corpus), make_templates(index.corpus))


def _stamp(index_dir: Path) -> tuple[int, int] | None:
    try:
        info = (index_dir / FILE).stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_ino


async def reload_if_changed(app: FastAPI, force: bool = False) -> bool:
    """Open the index again if its manifest moved on (or `force`); True when the app now serves a new build."""
    settings: Settings = app.state.settings
    stamp = _stamp(settings.index)
    if not force and (stamp is None or stamp == app.state.stamp):
        return False
    try:
        index = await asyncio.to_thread(open_index, settings)
        fresh = await asyncio.to_thread(serve, index)
    except KBError as e:
        log.warning("索引を読み直せませんでした。これまでの索引で続けます: %s", e)
        app.state.stamp = stamp  # do not retry the same manifest every tick
        return False
    old = app.state.served.index.build_id
    app.state.served, app.state.stamp = fresh, stamp
    if fresh.index.build_id != old:
        log.info("索引を入れ替えました: %s → %s", old, fresh.index.build_id)
    return fresh.index.build_id != old


async def watch(app: FastAPI, interval: float) -> None:
    """Check the manifest every `interval` seconds, and at once on SIGHUP."""
    wake = asyncio.Event()
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread (tests)
        loop.add_signal_handler(signal.SIGHUP, wake.set)
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), timeout=interval)
        forced = wake.is_set()
        wake.clear()
        await reload_if_changed(app, force=forced)
