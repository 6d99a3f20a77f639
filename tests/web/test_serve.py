"""`kb serve` and the app factory: a missing index is refused at start-up with the fix, before any request."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app as cli
from kb.errors import IndexMissing
from kb.settings import Settings
from web.app import create_app

FIXTURE_CORPUS = Path(__file__).parents[1] / "data" / "corpus"


def test_create_app_refuses_a_missing_index(tmp_path: Path):
    with pytest.raises(IndexMissing, match="kb build"):
        create_app(Settings(corpus=FIXTURE_CORPUS, index=tmp_path / "none"))


def test_serve_says_to_build_first(tmp_path: Path):
    result = CliRunner().invoke(
        cli, ["serve", "--corpus", str(FIXTURE_CORPUS), "--index", str(tmp_path / "none")]
    )
    assert result.exit_code == 1
    assert "kb build" in result.output


def test_app_serves_the_index_it_was_given(client, search_settings):  # type: ignore[no-untyped-def]
    assert client.app.state.settings == search_settings
    assert client.get("/healthz").json()["cases"] == len(
        list((search_settings.corpus / "cases").glob("*.yaml"))
    )


def test_browser_tests_are_left_out_of_the_fast_run():
    """`pytest -m "not slow"` is the quick loop; driving chromium must not be part of it."""
    path = Path(__file__).with_name("test_browser.py")
    spec = importlib.util.spec_from_file_location("browser_tests", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert {mark.name for mark in module.pytestmark} >= {"browser", "slow"}


@pytest.mark.slow
def test_the_load_benchmark_runs_to_the_end_and_reports(live_server, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    """`make load` used to crash after measuring, when no --rate was given (formatting None)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    import load_api

    monkeypatch.setattr(
        sys, "argv", ["load_api.py", "--url", live_server, "--duration", "1", "--warmup", "0"]
    )
    load_api.main()
    out = capsys.readouterr().out
    assert "closed loop" in out and "req/s" in out and "target" in out
