"""`kb ingest`: the thin shell over `ingest_all` (exit codes, one line per result)."""

from __future__ import annotations

from typer.testing import CliRunner

from kb.cli import app

from .conftest import CORPUS, LOCAL, PAGES


def test_list_shows_the_named_sources():
    result = CliRunner().invoke(app, ["ingest", "--list"])
    assert result.exit_code == 0
    for name in ("tokyo_dx_award", "dxship_hiroshima", "nogata", "masuda", "failure_lessons"):
        assert name in result.output


def test_no_source_is_a_usage_error():
    assert CliRunner().invoke(app, ["ingest"]).exit_code == 2


def test_offline_named_source_and_a_failing_input(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE", str(PAGES))
    args = ["ingest", "nogata", str(LOCAL / "no-municipality.html"), "--offline", "--out", str(tmp_path)]
    result = CliRunner().invoke(app, [*args, "--corpus", str(CORPUS)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("下書きを書き出しました") and "nogata-juki-point-data.yaml" in lines[0]
    assert lines[1].startswith("エラー:") and "自治体を特定できません" in lines[1]
    assert (tmp_path / "nogata-juki-point-data.yaml").exists()


def test_year_limits_a_named_source_to_that_years_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE", str(PAGES))
    args = ["ingest", "tokyo_dx_award", "--year", "2025", "--offline", "--out", str(tmp_path)]
    result = CliRunner().invoke(app, [*args, "--corpus", str(CORPUS)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.glob("*.yaml")] == ["ota-plastics-kaishusha-unko.yaml"]


def test_all_good_inputs_exit_zero(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE", str(PAGES))
    result = CliRunner().invoke(
        app, ["ingest", "masuda", "--offline", "--out", str(tmp_path), "--corpus", str(CORPUS)]
    )
    assert result.exit_code == 0, result.output


def test_private_addresses_are_refused_unless_allowed(tmp_path, monkeypatch, httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    page = (LOCAL / "taketomi-line-shinsei.html").read_bytes()
    httpserver.expect_request("/page.html").respond_with_data(page, content_type="text/html")
    monkeypatch.setenv("KB_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KB_INGEST_DELAY", "0")
    args = ["ingest", f"http://127.0.0.1:{httpserver.port}/page.html", "--out", str(tmp_path / "out")]
    refused = CliRunner().invoke(app, [*args, "--corpus", str(CORPUS)])
    assert refused.exit_code == 1 and "内部向けのアドレスには接続しません" in refused.output
    assert httpserver.log == []
    allowed = CliRunner().invoke(app, [*args, "--allow-private", "--corpus", str(CORPUS)])
    assert allowed.exit_code == 0, allowed.output
    assert (tmp_path / "out" / "taketomi-juminhyo-zei-shomei.yaml").exists()
