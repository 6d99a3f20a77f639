"""Shared fixtures: the small real-case corpus in tests/data/corpus and a search index built from it.

The default embedding model is made from ja-ginza's vectors once and kept in pytest's cache folder
(.pytest_cache), so only the first run on a machine pays for it; every index built in tests links to it. With
the cache off (`-p no:cacheprovider`) it is made once per session in a temporary folder instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kb.settings import Settings

DATA = Path(__file__).parent / "data"
FIXTURE_CORPUS = DATA / "corpus"
SYNONYMS = Path(__file__).parent.parent / "corpus" / "synonyms.yaml"


@pytest.fixture(scope="session")
def search_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus plus the project's synonym dictionary (a copy: tests may not touch either)."""
    root = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(FIXTURE_CORPUS, root)
    shutil.copy(SYNONYMS, root / "synonyms.yaml")
    return root


@pytest.fixture(scope="session")
def static_models(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """index/models/ holding the default model, built once per machine (or per session without a cache)."""
    from kb.search.chive import ensure_static_model

    cache_plugin = getattr(request.config, "cache", None)
    folder = (
        Path(cache_plugin.mkdir("kb-static-model")) if cache_plugin else tmp_path_factory.mktemp("models")
    )
    ensure_static_model(folder)
    return folder / "models"


@pytest.fixture
def cli():
    """Run `kb` on the fixture corpus: cli("export", "id", "--format", "md") → a result with stdout/stderr."""
    from typer.testing import CliRunner

    from kb.cli import app

    def run(*args: str, corpus: Path = FIXTURE_CORPUS):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(app, [*args, "--corpus", str(corpus)])

    return run


def link_models(index_dir: Path, models: Path) -> None:
    """Give an index folder the cached default model, as a build would have made it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    if not (index_dir / "models").exists():
        os.symlink(models, index_dir / "models", target_is_directory=True)


@pytest.fixture
def make_settings(tmp_path: Path, static_models: Path):
    """Settings for a fresh index folder (and the fixture corpus unless another is given)."""

    def make(corpus: Path = FIXTURE_CORPUS, **extra: object) -> Settings:
        """(corpus defaults to tests/data/corpus, without synonyms)"""
        index_dir = tmp_path / f"index-{len(list(tmp_path.glob('index-*')))}"
        link_models(index_dir, static_models)
        return Settings(corpus=corpus, index=index_dir, **extra)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def search_settings(
    tmp_path_factory: pytest.TempPathFactory, static_models: Path, search_corpus: Path
) -> Settings:
    """Settings of the session's index over the fixture corpus with synonyms (built by `search_index`)."""
    index_dir = tmp_path_factory.mktemp("search") / "index"
    link_models(index_dir, static_models)
    return Settings(corpus=search_corpus, index=index_dir)


@pytest.fixture(scope="session")
def search_index(search_settings: Settings):
    """An opened index over the fixture corpus, built once per test session."""
    from kb.search import build_index, open_index

    build_index(search_settings)
    return open_index(search_settings)
