"""The `Page` record: what ingest knows of one source document once its bytes are read.

Built from a fetched snapshot or a local file by `kb.ingest.extract`; consumed by the named-source parsers
(which may look at `main`, the cleaned main-content element) and by `kb.ingest.understand`, which counts
relative dates (「1月に」「昨年」) from `published`, the page's own date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import Tag

from kb.ingest.pagedate import PageDate


def normalize_text(text: str) -> str:
    """The form every page text is kept in: NFKC (full-width digits and Latin to ASCII), spaces collapsed,
    one non-empty block per line."""
    lines = (re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line)).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Link:
    text: str
    url: str  # absolute


@dataclass
class Page:
    source: str  # what the user gave or the source followed: a URL or a file path
    url: str | None  # an http(s) URL for the case's `sources` (fetched, or a saved file's canonical link)
    title: str
    site: str | None  # the publisher: og:site_name or the "｜益田市" part of the title
    text: str  # main text, one block per line, NFKC-normalised
    fetched_at: dt.datetime
    sha256: str
    kind: str  # html | pdf | txt
    links: list[Link] = field(default_factory=list)
    main: Tag | None = None  # the main-content element of an HTML page, menus and footers removed
    published: PageDate | None = None  # the page's own date (kb.ingest.pagedate), if it states one

    @property
    def host(self) -> str | None:
        return urlsplit(self.url).hostname if self.url else None

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.splitlines() if line.strip()]
