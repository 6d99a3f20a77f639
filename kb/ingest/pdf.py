"""PDF text: every page's text through pypdf, with the line breaks of the printed page undone.

Reports and minutes break lines where the page ended; a line is joined to the one before unless that one
ended a sentence, was short (a heading), or this one starts an item (○, ・, 1.).

A hostile PDF fails alone, with a line that says why: too many pages (`Limits.max_pdf_pages`), a stream that
inflates past `Limits.max_pdf_stream_bytes` (pypdf's decompression limits are set from it), encryption, or
anything else pypdf trips over in a malformed file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
from typing import Any

import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

from kb.errors import IngestError
from kb.ingest.limits import LimitExceeded, Limits
from kb.ingest.page import Page, normalize_text
from kb.ingest.pagedate import first_line

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


def _pypdf_limits(limits: Limits) -> dict[str, Any]:
    """pypdf's limits on decompressed and declared stream sizes, all set to ours."""
    cap = limits.max_pdf_stream_bytes
    names = ["zlib", "lzw", "run_length", "brotli", "jbig2"]
    return {
        **{f"{name}_maximum_output_length": cap for name in names},
        "array_based_stream_maximum_output_length": cap,
        "maximum_declared_stream_length": cap,
        "image_maximum_buffer_size": cap,
    }


def _read(raw: bytes, limits: Limits) -> tuple[str, str | None]:
    """(text of every page, metadata title), within the page limit."""
    reader = pypdf.PdfReader(io.BytesIO(raw))
    if reader.is_encrypted and reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
        raise FileNotDecryptedError("a password is needed")
    if (pages := len(reader.pages)) > limits.max_pdf_pages:
        raise limits.exceeded("max_pdf_pages", "PDFのページが多すぎます", f"{pages:,} ページ")
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text, reader.metadata.title if reader.metadata else None


def _read_within(raw: bytes, limits: Limits) -> tuple[str, str | None]:
    """`_read`, with every way pypdf fails on a hostile or broken file turned into this input's error."""
    try:
        with pypdf.apply_configuration(**_pypdf_limits(limits)):
            return _read(raw, limits)
    except IngestError:
        raise
    except LimitReachedError as e:
        cap = limits.describe("max_pdf_stream_bytes")
        raise LimitExceeded(
            "max_pdf_stream_bytes",
            f"PDFを展開すると上限を超えます(圧縮爆弾の可能性があります。ストリームの上限 {cap}、pypdf: {e})",
        ) from None
    except FileNotDecryptedError:
        raise IngestError("パスワードで保護された暗号化PDFです(パスワードなしでは読めません)") from None
    except DependencyError as e:
        raise IngestError(f"暗号化されたPDFで、復号に必要なパッケージがありません ({e})") from None
    except (PdfReadError, ValueError, KeyError) as e:
        raise IngestError(f"PDFを読めません(壊れているか対応していない形式です: {e})") from None
    except Exception as e:  # pypdf raises all sorts (TypeError, RecursionError...) on malformed files
        raise IngestError(
            f"PDFを読めません(壊れているか対応していない形式です: {type(e).__name__}: {e})"
        ) from None


def read_pdf(raw: bytes, source: str, url: str | None, *, limits: Limits) -> Page:
    raw_text, meta_title = _read_within(raw, limits)
    text = join_wrapped_lines(normalize_text(raw_text))
    if not text:
        raise IngestError("PDFから文字を取り出せません(画像だけのPDFかもしれません)")
    title = normalize_text(meta_title) if meta_title else first_line(text, 80)
    return Page(
        source, url, title, None, text, dt.datetime.now(dt.UTC), hashlib.sha256(raw).hexdigest(), "pdf"
    )
