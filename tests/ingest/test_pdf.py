"""Hostile PDFs, generated here (tests/ingest/pdfmaker.py): each is its own one-line error naming the limit."""

from __future__ import annotations

import dataclasses

import pytest

from kb.errors import IngestError
from kb.ingest.extract import read_bytes
from kb.ingest.limits import LIMITS, MB, LimitExceeded

from .pdfmaker import make_bomb_pdf, make_encrypted_pdf, make_pdf


def read(raw: bytes, limits=LIMITS):  # type: ignore[no-untyped-def]
    return read_bytes(raw, "application/pdf", "report.pdf", None, limits=limits)


def test_a_decompression_bomb_stops_at_the_stream_limit():
    """350 KB that inflate to 80 MB: past pypdf's own 75 MB limit too, whose error used to abort the batch."""
    with pytest.raises(LimitExceeded, match=r"PDFを展開すると上限を超えます.*上限 50 MB") as info:
        read(make_bomb_pdf(80 * 1000 * 1000))
    assert info.value.limit == "max_pdf_stream_bytes" and "\n" not in str(info.value)


def test_the_stream_limit_is_ours_to_set():
    small = dataclasses.replace(LIMITS, max_pdf_stream_bytes=1 * MB)
    with pytest.raises(LimitExceeded, match="上限 1 MB"):
        read(make_bomb_pdf(2 * MB), small)
    with pytest.raises(IngestError, match="文字を取り出せません"):  # under the limit: read (blank) as usual
        read(make_bomb_pdf(MB // 2), small)


def test_an_aes_encrypted_pdf_is_an_ingest_error():
    """Without the `cryptography` package pypdf raises DependencyError; with it, no password opens this one."""
    with pytest.raises(IngestError, match="暗号化されたPDF") as info:
        read(make_encrypted_pdf())
    assert "\n" not in str(info.value)


def test_a_pdf_past_the_page_limit_is_refused():
    many = make_pdf([[f"{n}ページ目"] for n in range(LIMITS.max_pdf_pages + 1)])
    with pytest.raises(
        LimitExceeded, match=r"PDFのページが多すぎます\(501 ページ、上限 500 ページ\)"
    ) as info:
        read(many)
    assert info.value.limit == "max_pdf_pages"


def test_a_pdf_at_the_page_limit_is_read():
    few = dataclasses.replace(LIMITS, max_pdf_pages=3)
    assert read(make_pdf([["直方市"], ["住基ポイント"], ["GIS"]]), few).text.splitlines() == [
        "直方市",
        "住基ポイント",
        "GIS",
    ]
