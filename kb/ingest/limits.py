"""The resource budget of `kb ingest`, written down once: how long, how large and how deep one input may be.

`ingest_all` passes one `Limits` to the fetcher and the readers (the default `LIMITS` unless told otherwise);
nothing else holds a limit. A breach raises `LimitExceeded`: one Japanese line naming the limit and its value,
which fails that input alone while the rest of the batch goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kb.errors import IngestError

MB = 1024 * 1024

LimitName = Literal[
    "download_deadline",
    "max_bytes",
    "max_redirects",
    "max_retry_after",
    "max_crawl_delay",
    "max_html_depth",
    "max_html_elements",
    "max_pdf_pages",
    "max_pdf_stream_bytes",
]
_UNITS: dict[str, str] = {
    "download_deadline": "秒",
    "max_retry_after": "秒",
    "max_crawl_delay": "秒",
    "max_redirects": "回",
    "max_html_depth": "段",
    "max_html_elements": "個",
    "max_pdf_pages": "ページ",
}


class LimitExceeded(IngestError):
    """An input went past one limit of the budget; `limit` names the `Limits` field."""

    def __init__(self, limit: LimitName, message: str):
        self.limit = limit
        super().__init__(message)


@dataclass(frozen=True)
class Limits:
    download_deadline: float = 120.0
    """Seconds one HTTP exchange may take in all, from connecting to the last body byte (the per-read timeout,
    `KB_INGEST_TIMEOUT`, cannot stop a server that trickles a byte at a time). Not retried."""
    max_bytes: int = 30 * MB
    """Largest body downloaded (after HTTP decompression) or local file read."""
    max_redirects: int = 5
    """Redirects followed for one URL; each hop is checked like the first (address, robots.txt, rate limit)."""
    max_retry_after: float = 60.0
    """Longest Retry-After honoured before a retry; a longer one is shortened to this."""
    max_crawl_delay: float = 60.0
    """Longest robots.txt Crawl-delay accepted; a site asking for more is not fetched (not waited on forever)."""
    max_html_depth: int = 1_000
    """Deepest element nesting in an HTML page. Real pages stay under 50; browsers stop nesting at 512, but
    html.parser nests unclosed <p>/<li>, so a long list without end tags is as deep as it is long."""
    max_html_elements: int = 200_000
    """Elements in an HTML page (a parsed element costs about 1 KB of memory)."""
    max_pdf_pages: int = 500
    """Pages of a PDF (a white paper or a year of minutes stays well under it)."""
    max_pdf_stream_bytes: int = 50 * MB
    """Largest decompressed stream in a PDF (pypdf's decompression limits): stops a decompression bomb."""

    def describe(self, name: LimitName) -> str:
        """The value of one limit with its unit: 「120 秒」, 「30 MB」, 「1,000 段」."""
        value = getattr(self, name)
        if name in ("max_bytes", "max_pdf_stream_bytes"):
            return f"{value / MB:g} MB" if value >= MB else f"{value:,} バイト"
        if isinstance(value, float):
            return f"{value:g} {_UNITS[name]}"
        return f"{value:,} {_UNITS[name]}"

    def exceeded(self, name: LimitName, what: str, actual: str = "") -> LimitExceeded:
        """The error for a breach: 「{what}({actual}、上限 {value})」."""
        limit = f"上限 {self.describe(name)}"
        return LimitExceeded(name, f"{what}({actual}、{limit})" if actual else f"{what}({limit})")


LIMITS = Limits()
