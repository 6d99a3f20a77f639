"""The CLI shell: every command documented, settings from options and environment, errors in Japanese."""

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app, main, settings_from

ROOT = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data" / "corpus"

COMMANDS = ["validate", "build", "search", "serve", "ingest", "eval", "stats", "schema"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_corpus_and_index(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--corpus" in result.output and "--index" in result.output


def test_settings_from_options_and_environment(monkeypatch):
    monkeypatch.setenv("KB_CORPUS", "/tmp/other-corpus")
    assert settings_from(None, None).corpus == Path("/tmp/other-corpus")
    assert settings_from(Path("mine"), Path("idx")).index == Path("idx")


def test_stats_counts_fixture_corpus():
    result = CliRunner().invoke(app, ["stats", "--corpus", str(DATA), "--json"])
    assert result.exit_code == 0, result.output
    assert '"cases":' in result.output and '"theme":' in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "--limit", "0", "窓口"], "--limit: 1 以上で指定してください"),
        (["search", "--limit", "many", "窓口"], "--limit: 整数で指定してください"),
        (["search"], "引数 query を指定してください"),
        (["search", "窓口", "--nope"], "--nope というオプションはありません"),
        (["search", "窓口", "--theme"], "--theme に値を指定してください"),
        (["search", "窓口", "余分"], "余分な引数があります: 余分"),
        (["serach"], "「serach」というコマンドはありません(「search」ですか?)"),
        (["nothing-like-it"], "「nothing-like-it」というコマンドはありません"),
    ],
)
def test_usage_errors_are_japanese_and_name_the_option(capsys, args, expected):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"エラー: {expected}" in err
    assert "Invalid value" not in err and "Missing" not in err and "No such" not in err


def test_help_is_japanese_and_still_works(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "この説明を表示して終了する" in out and "validate" in out and "Show this message" not in out
    assert main(["search", "--help"]) == 0
    assert "オプション" in capsys.readouterr().out


def test_the_console_script_is_the_japanese_wrapper():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["kb"] == "kb.cli:main"


@pytest.mark.parametrize("command", ["validate", "stats", "schema", "build"])
def test_a_missing_corpus_is_a_message_not_a_traceback(tmp_path, command):
    args = [*command.split(), "--corpus", str(tmp_path / "nowhere"), "--index", str(tmp_path / "index")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "コーパスが見つかりません" in result.output and "--corpus" in result.output


def test_schema_is_written_atomically(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA, corpus)
    target = corpus / "schema.json"
    target.write_text("{}", encoding="utf-8")
    before = target.stat().st_ino
    result = CliRunner().invoke(app, ["schema", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    # A new file renamed over the old one: a reader holds either the old schema or the new, never half of one.
    assert target.stat().st_ino != before
    assert json.loads(target.read_text(encoding="utf-8"))["properties"]["themes"]
    assert not list(corpus.glob(".*.tmp"))


def test_search_with_a_missing_corpus_is_a_message(search_index, search_settings, tmp_path):
    args = ["search", "窓口", "--corpus", str(tmp_path / "nowhere"), "--index", str(search_settings.index)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "コーパスが見つかりません" in result.output
