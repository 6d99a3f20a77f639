"""Shared fixtures for the ingest tests: the saved pages (an offline snapshot store) and a fixture corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kb.ingest.extract import read_file, read_snapshot
from kb.ingest.fetch import Fetcher
from kb.ingest.lead import Lead
from kb.ingest.limits import LIMITS
from kb.ingest.page import Page
from kb.ingest.store import PageStore
from kb.ingest.understand import Knowledge, Understood, understand
from kb.municipalities import load_registry
from kb.settings import Settings
from kb.themes import load_themes

DATA = Path(__file__).parent.parent / "data"
PAGES = DATA / "pages"
LOCAL = PAGES / "local"
CORPUS = DATA / "corpus"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Fixture corpus, the saved pages as the cache (read-only when offline), no waiting between requests."""
    return Settings(
        corpus=CORPUS, index=tmp_path / "index", cache=PAGES, ingest_delay=0.0, ingest_timeout=2.0
    )


@pytest.fixture
def saved_page():
    """Read one saved page the way a named source receives it (offline replay)."""
    fetcher = Fetcher(PageStore(PAGES), limits=LIMITS, offline=True)

    def read(url: str) -> Page:
        return read_snapshot(fetcher.get(url), limits=LIMITS)

    return read


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    """What drafting knows: the registry, the fixture corpus' themes, and a fixed today."""
    return Knowledge(load_registry(), load_themes(CORPUS), dt.date(2026, 12, 1))


def understood(name: str, knowledge: Knowledge) -> Understood:
    """Draft a saved local page (tests/data/pages/local/NAME)."""
    path = LOCAL / name
    return understand(Lead(page=read_file(path, limits=LIMITS), key=str(path)), knowledge)
