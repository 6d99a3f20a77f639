"""Bytes to text for Japanese pages: Shift_JIS, EUC-JP, ISO-2022-JP and UTF-8.

Order of trust: a byte-order mark, the HTTP charset (unless it is the Latin-1 default many servers send), the
page's own `<meta charset>`, then detection by charset-normalizer restricted to the encodings Japanese sites
use. Each declared charset must decode the bytes cleanly, else the next one is tried: municipal sites often
declare one encoding and serve another.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from kb.errors import IngestError

# Shift_JIS pages are written on Windows: cp932 also knows ①, ㈱, ～ and the NEC/IBM extensions.
_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms932": "cp932",
    "cp932": "cp932",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "euc_jp": "euc_jp",
    "iso-2022-jp": "iso2022_jp",
    "utf-8": "utf-8",
    "utf8": "utf-8",
}
_UNINFORMATIVE = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
_JAPANESE = ["utf_8", "cp932", "euc_jp", "iso2022_jp"]
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


def header_charset(content_type: str) -> str | None:
    match = _HEADER.search(content_type)
    return match.group(1) if match else None


def meta_charset(raw: bytes) -> str | None:
    match = _META.search(raw[:8192])
    return match.group(1).decode("ascii") if match else None


def looks_binary(raw: bytes) -> bool:
    """NUL bytes do not occur in text in any of the encodings above."""
    return b"\x00" in raw[:8192]


def _codec(label: str | None) -> str | None:
    if not label or label.lower() in _UNINFORMATIVE:
        return None
    name = _ALIASES.get(label.lower(), label.lower())
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def decode(raw: bytes, declared: str | None = None, html: bool = True) -> str:
    """Text of `raw`; `declared` is the HTTP charset if any. Raises IngestError when nothing fits."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")
    candidates = [_codec(declared), _codec(meta_charset(raw)) if html else None, "utf-8"]
    for name in dict.fromkeys(c for c in candidates if c):
        try:
            return raw.decode(name)
        except UnicodeDecodeError:
            continue
    best = from_bytes(raw, cp_isolation=_JAPANESE).best()
    if best is None:
        raise IngestError("文字コードを判別できません(テキストではない可能性があります)")
    return str(best)
