"""Shared fixtures for the ingest tests: the saved pages (an offline snapshot store) and a fixture corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.ingest.extract import read_snapshot
from kb.ingest.fetch import Fetcher
from kb.ingest.limits import LIMITS
from kb.ingest.page import Page
from kb.ingest.store import PageStore
from kb.settings import Settings

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
