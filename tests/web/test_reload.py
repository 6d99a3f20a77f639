"""Hot reload: a running app swaps to a new build without a restart, keeps serving when the new one cannot be
opened, and a request in flight keeps the build it started with."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from kb.search import build_index
from web.app import create_app
from web.deps import served
from web.reload import reload_if_changed

FIXTURE = Path(__file__).parents[1] / "data" / "corpus"


def test_a_new_build_is_served_without_a_restart(make_settings, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE, corpus)
    settings = make_settings(corpus, reload_interval=0.05)
    build_index(settings)
    app = create_app(settings)
    with TestClient(app) as client:
        first = client.get("/healthz").json()["build_id"]
        (corpus / "cases" / "toshima-tablet.yaml").unlink()
        build_index(settings)
        asyncio.run(reload_if_changed(app))
        after = client.get("/healthz").json()
        assert after["build_id"] != first and after["cases"] == 12
        assert client.get("/api/cases/toshima-tablet").status_code == 404


def test_a_broken_rebuild_leaves_the_old_index_serving(make_settings, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE, corpus)
    settings = make_settings(corpus)
    build_index(settings)
    app = create_app(settings)
    with TestClient(app) as client:
        first = client.get("/healthz").json()["build_id"]
        (corpus / "cases" / "toshima-tablet.yaml").write_text("outcome: great\n", encoding="utf-8")
        assert asyncio.run(reload_if_changed(app, force=True)) is False
        assert client.get("/healthz").json()["build_id"] == first
        assert client.get("/api/cases/toshima-tablet").status_code == 200


def test_a_request_keeps_the_bundle_it_started_with(make_settings, tmp_path):
    class Request:  # what `served` reads of a request
        def __init__(self, app):  # type: ignore[no-untyped-def]
            self.app = app
            self.state = type("State", (), {})()

    settings = make_settings()
    build_index(settings)
    app = create_app(settings)
    request = Request(app)
    before = served(request)  # type: ignore[arg-type]
    app.state.served = object()  # a reload swaps the bundle mid-request
    assert served(request) is before  # type: ignore[arg-type]
