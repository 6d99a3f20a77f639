"""Search fixtures: a private copy of the fixture corpus (with synonyms) that a test may edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def corpus_copy(tmp_path: Path, search_corpus: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(search_corpus, root)
    return root
