"""The saved PDFs are exactly what tests/ingest/fixture_pdfs.py declares, so their text is reviewable."""

from __future__ import annotations

import pytest

from kb.ingest.extract import read_file
from kb.ingest.limits import LIMITS

from .fixture_pdfs import FIXTURE_PDFS, PAGES, expected_bytes


@pytest.mark.parametrize("relative", list(FIXTURE_PDFS))
def test_saved_pdf_matches_its_declared_text(relative):
    path = PAGES / relative
    assert path.read_bytes() == expected_bytes(relative), "python -m tests.ingest.fixture_pdfs で書き直す"
    lines = [line for page in FIXTURE_PDFS[relative][0] for line in page]
    assert lines[-1] in read_file(path, limits=LIMITS).text


def test_every_saved_pdf_is_declared():
    saved = {str(p.relative_to(PAGES)) for p in PAGES.rglob("*.pdf") if p.is_file()}
    assert saved == set(FIXTURE_PDFS)
