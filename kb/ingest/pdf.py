"""PDF text: every page's text through pypdf, with the line breaks of the printed page undone.

Reports and minutes break lines where the page ended; a line is joined to the one before unless that one
ended a sentence, was short (a heading), or this one starts an item (○, ・, 1.).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re

import pypdf
from pypdf.errors import PdfReadError

from kb.errors import IngestError
from kb.ingest.page import Page, normalize_text

BULLET = re.compile(r"^([○●◯・■□◆◇※\-]|\(?\d+\)|[0-9０-９]+[ .．、]|[一二三四五六七八九十]+[ 、.]|第\d+)")
SENTENCE_END = ("。", ")", "」", ":", "?", "!")
WRAPPED = 25  # characters: a shorter line that does not end a sentence is a heading, not a wrapped line

# pypdf logs what it repairs in a sloppy file ("incorrect startxref pointer") as warnings, which would land on
# the curator's terminal between the report lines; a file it cannot read raises, and that is reported.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def join_wrapped_lines(text: str) -> str:
    """PDF text breaks lines where the page did; join a line to the previous one unless that one ended a
    sentence or this one starts an item (○, ・, 1.)."""
    out: list[str] = []
    for line in text.splitlines():
        if out and len(out[-1]) >= WRAPPED and not out[-1].endswith(SENTENCE_END) and not BULLET.match(line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def read_pdf(raw: bytes, source: str, url: str | None) -> Page:
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            reader.decrypt("")
        text = join_wrapped_lines(normalize_text("\n".join(p.extract_text() or "" for p in reader.pages)))
        meta_title = reader.metadata.title if reader.metadata else None
    except (PdfReadError, ValueError, KeyError) as e:
        raise IngestError(f"PDFを読めません(壊れているか対応していない形式です: {e})") from None
    if not text:
        raise IngestError("PDFから文字を取り出せません(画像だけのPDFかもしれません)")
    title = normalize_text(meta_title) if meta_title else text.splitlines()[0][:80]
    return Page(
        source, url, title, None, text, dt.datetime.now(dt.UTC), hashlib.sha256(raw).hexdigest(), "pdf"
    )
