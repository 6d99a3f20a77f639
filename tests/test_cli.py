"""The CLI shell: every command documented, settings from options and environment."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app, settings_from

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
    data = Path(__file__).parent / "data" / "corpus"
    result = CliRunner().invoke(app, ["stats", "--corpus", str(data), "--json"])
    assert result.exit_code == 0, result.output
    assert '"cases":' in result.output and '"theme":' in result.output
