"""The README documents every command and every setting (a test, so the docs cannot drift)."""

from pathlib import Path

import pytest

from kb.cli import app
from kb.settings import Settings

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [c.name or c.callback.__name__ for c in app.registered_commands])
def test_every_command_is_documented(command):
    assert f"`kb {command}" in README


@pytest.mark.parametrize("field", list(Settings.model_fields))
def test_every_setting_is_documented_and_described(field):
    assert f"KB_{field.upper()}" in README
    assert Settings.model_fields[field].description


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "benchmarks").glob("*.py")))
def test_benchmark_scripts_stay_readable(script):
    """STYLE: modules under ~250 lines. A benchmark is read to trust its numbers, so it is held to it too."""
    assert len((ROOT / "benchmarks" / script).read_text(encoding="utf-8").splitlines()) <= 250
