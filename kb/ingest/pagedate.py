"""The page's own date: when it was published, which relative dates in it (「1月に」「昨年」) are counted from.

Read, most trusted first: a published-date `<meta>` (article:published_time, datePublished, dc.date ...), a
labelled date in the text (掲載日・公開日・発行日), a `<time>` element, a date in the title or on a short line at
the top (「2021年04月30日 のニュース」「広報みたか2025年2月16日1面」), an updated date (更新日・最終更新日, a
modified-date `<meta>`), and last a date in the URL (`/2019/03/20/`, `20180313`). Dates are Western or era
(令和6年10月15日); a year and month without a day (平成26年10月) is kept with that precision.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from kb.ingest.wareki import era_year

PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
)
MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
)
_ERA = r"(令和|平成|昭和)\s*(元|\d{1,2})\s*年"
_DATE = re.compile(
    rf"(?:{_ERA}|((?:19|20)\d{{2}})\s*年)\s*(\d{{1,2}})\s*月(?:\s*(\d{{1,2}})\s*日)?"
    r"|((?:19|20)\d{2})\s*[./\-]\s*(\d{1,2})\s*[./\-]\s*(\d{1,2})(?!\d)"
)
_LABEL = r"\s*[】\]\)]?\s*[::]?\s*"  # 「掲載日:」「【掲載日】」「最終更新日 : 」
PUBLISHED_LABEL = re.compile(rf"(?:掲載日|公開日|発行日|作成日|登録日)(?:時)?{_LABEL}")
UPDATED_LABEL = re.compile(rf"(?:最終更新日|更新日|最終更新)(?:時)?{_LABEL}")
_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:[/_\-]?)(0[1-9]|1[0-2])(?:[/_\-]?)(0[1-9]|[12]\d|3[01])?(?!\d)"
)
TOP_LINES, SHORT_LINE = 6, 40


@dataclass(frozen=True)
class PageDate:
    date: dt.date
    where: str  # how the date was found, in Japanese (「掲載日」「<meta article:published_time>」「URL」)
    has_day: bool = True

    @property
    def label(self) -> str:
        shown = self.date.isoformat() if self.has_day else f"{self.date.year}-{self.date.month:02d}"
        return f"{self.where} {shown}"


def parse_date(text: str) -> tuple[dt.date, bool] | None:
    """The first date in `text` (「令和6年10月15日」「2017.07.13」「2024-10-03T09:00」「平成26年10月」), with
    whether it has a day."""
    match = _DATE.search(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    era, era_n, western, month, day, iso_year, iso_month, iso_day = match.groups()
    if iso_year:
        year, month, day = iso_year, iso_month, iso_day
    else:
        year = str(era_year(era, era_n)) if era else western
    try:
        return dt.date(int(year), int(month), int(day or 1)), day is not None
    except ValueError:
        return None


def is_date_line(line: str) -> bool:
    """A line that only dates the page (「更新日:2024年10月3日」「[2017年3月15日]」「2021年04月30日 のニュース」)."""
    if PUBLISHED_LABEL.match(line) or UPDATED_LABEL.match(line):
        return True
    match = _DATE.search(line)
    return match is not None and len(line) - len(match[0]) <= 8


def first_line(text: str, width: int) -> str:
    """The first line of a text that is not a date line: a title for a page that has none."""
    lines = text.splitlines()
    return next((line for line in lines if not is_date_line(line)), lines[0] if lines else "")[:width]


def _dated(text: str | None, where: str) -> PageDate | None:
    parsed = parse_date(text) if text else None
    return PageDate(parsed[0], where, parsed[1]) if parsed else None


def markup_dates(soup: BeautifulSoup) -> tuple[PageDate | None, PageDate | None, PageDate | None]:
    """(published meta, `<time>`, modified meta) of an HTML page: read before the page is cleaned."""
    published = modified = None
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = str(tag.get("content") or "")
        if key in PUBLISHED_META and published is None:
            published = _dated(content, f"<meta {key}>")
        elif key in MODIFIED_META and modified is None:
            modified = _dated(content, f"<meta {key}>")
    time = soup.find("time")
    stamp = None
    if isinstance(time, Tag):
        stamp = _dated(str(time.get("datetime") or time.get_text()), "<time>")
    return published, stamp, modified


def _labelled(text: str, label: re.Pattern[str], where: str) -> PageDate | None:
    """The first date written right after a label (「更新日:2024年10月3日」; 「掲載日:(省略)」 is no date)."""
    for match in label.finditer(text):
        if _DATE.match(text, match.end()):
            return _dated(text[match.end() : match.end() + 20], where)
    return None


def _top(lines: list[str], title: str) -> PageDate | None:
    if found := _dated(title, "タイトルの日付"):
        return found
    for line in lines[:TOP_LINES]:
        if len(line) <= SHORT_LINE and (found := _dated(line, "冒頭の日付")):
            return found
    return None


def url_date(url: str | None) -> PageDate | None:
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    year, month, day = match.groups()
    return PageDate(dt.date(int(year), int(month), int(day or 1)), "URLの日付", day is not None)


def page_date(
    text: str,
    title: str,
    url: str | None,
    markup: tuple[PageDate | None, PageDate | None, PageDate | None] = (None, None, None),
    latest: int | None = None,
) -> PageDate | None:
    """The page's own date, most trusted source first (module docstring); None when it states none."""
    published, stamp, modified = markup
    lines = text.splitlines()
    candidates = (
        published,
        _labelled(text, PUBLISHED_LABEL, "掲載日"),
        stamp,
        _top(lines, title),
        _labelled(text, UPDATED_LABEL, "更新日"),
        modified,
        url_date(url),
    )
    latest = latest or dt.date.today().year + 1
    return next((c for c in candidates if c is not None and 1990 <= c.date.year <= latest), None)
