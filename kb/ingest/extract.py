"""From bytes to a `Page`: main text of HTML (not menus, breadcrumbs and footers), plain text, and PDFs
(read by `kb.ingest.pdf`).

The main content is the first element a municipal CMS uses for it (`<main>`, `#tmp_contents`, `#main_body`...)
that holds real text; failing that, the block with the most text outside links. Inside it, navigation-like
elements are dropped by tag and by id/class name before the text is read block by block.

The page's own date is read as well (`kb.ingest.pagedate`: its meta and <time> before the tree is cleaned, then
the labelled or top-of-page dates of its text and its URL), for relative dates to be counted from.

Every step is one pass over the tree (`kb.ingest.htmltree`), and the tree, the file and the PDF keep to the
budget (`kb.ingest.limits`), so a hostile page costs time in proportion to its size and fails on its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from kb.errors import IngestError
from kb.ingest.address import strip_credentials
from kb.ingest.decode import decode, header_charset, looks_binary
from kb.ingest.htmltree import anchors, block_text, parse_html, prune, text_sizes
from kb.ingest.limits import MB, Limits
from kb.ingest.page import Link, Page, normalize_text
from kb.ingest.pagedate import first_line, markup_dates, page_date
from kb.ingest.pdf import read_pdf
from kb.ingest.store import Snapshot, type_for

MAIN_SELECTORS = [
    "main",
    "[role=main]",
    "#tmp_contents",
    "#main_body",
    "#contents_main",
    "#main-contents",
    "#main_contents",
    "#contents",
    "#content",
    "#main",
    "article",
    ".main",
]
NOISE_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "nav",
    "header",
    "footer",
    "aside",
]
NOISE_NAMES = re.compile(
    r"(^|[-_])(g?navi?|[lg]navi|menu|breadcrumbs?|pankuzu|topic-?path|footer|header|side(bar)?|sns|share|"
    r"page-?top|banner|skip|related|utility|print|rss|social)([-_]|$)",
    re.I,
)
TITLE_SEPARATORS = re.compile(r"\s*[|｜／]\s*|\s+[-–—:：/]\s+")
SITE_LIKE = re.compile(r"(ホームページ|公式サイト|Webサイト|[省庁都道府県市区町村局])$")
MIN_MAIN_CHARS = 80


def _is_noise(tag: Tag) -> bool:
    names = [tag.get("id") or "", *(tag.get("class") or [])]
    return tag.name in NOISE_TAGS or any(NOISE_NAMES.search(str(name)) for name in names)


def _clean(root: Tag) -> None:
    prune(root, _is_noise)


def _matches(tag: Tag, selector: str) -> bool:
    """Whether `tag` matches one of MAIN_SELECTORS: a tag name, `#id`, `.class` or `[attribute=value]`."""
    if selector.startswith("#"):
        return tag.get("id") == selector[1:]
    if selector.startswith("."):
        return selector[1:] in (tag.get("class") or [])
    if selector.startswith("["):
        key, _, value = selector[1:-1].partition("=")
        return tag.get(key) == value
    return tag.name == selector


def _selected_main(soup: BeautifulSoup) -> Tag | None:
    """The first element (in page order) with real text that matches the first selector that has one; in one
    pass (CSS selection once per selector was most of the time on a large page)."""
    text, _ = text_sizes(soup)
    first: dict[int, Tag] = {}
    for node in soup.descendants:
        if isinstance(node, Tag) and text[id(node)] >= MIN_MAIN_CHARS:
            for rank, selector in enumerate(MAIN_SELECTORS):
                if rank not in first and _matches(node, selector):
                    first[rank] = node
    return first[min(first)] if first else None


def _main_element(soup: BeautifulSoup) -> Tag:
    if (selected := _selected_main(soup)) is not None:
        return selected
    body = soup.body or soup
    _clean(body)
    text, links = text_sizes(body)
    blocks = [body, *body.find_all(["div", "section", "td", "article"])]
    # The deepest block that keeps most of the text (text outside links scores; a wrapper around menus
    # scores lower than its content).
    return max(blocks, key=lambda t: text[id(t)] - 2 * links[id(t)] - 0.1 * text[id(t)])


def _links(main: Tag, page_url: str | None) -> list[Link]:
    links = []
    for href, text in anchors(main):
        try:
            links.append(Link(normalize_text(text), strip_credentials(urljoin(page_url or "", href))))
        except ValueError:  # an href urllib cannot join (「http://[::1」): not a link worth following
            continue
    return links


def _meta(soup: BeautifulSoup, key: str, attr: str = "property") -> str | None:
    tag = soup.find("meta", attrs={attr: key})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return normalize_text(str(content)) if content else None


def split_title(raw: str) -> tuple[str, str | None]:
    """「書かない窓口を始めます - 益田市ホームページ」 → ("書かない窓口を始めます", "益田市ホームページ")."""
    parts = [p for p in TITLE_SEPARATORS.split(raw) if p]
    if len(parts) < 2 and "/" in raw:  # 「…／直方市」 is 「…/直方市」 once normalised
        head, tail = raw.rsplit("/", 1)
        parts = [head, tail] if SITE_LIKE.search(tail) else parts
    if len(parts) < 2:
        return raw, None
    # Most sites put their name last; some (総務省｜...) put it first.
    if SITE_LIKE.search(parts[0]) and not SITE_LIKE.search(parts[-1]):
        return " ".join(parts[1:]), parts[0]
    return " ".join(parts[:-1]), parts[-1]


def read_html(raw: bytes, source: str, url: str | None, content_type: str = "", *, limits: Limits) -> Page:
    html = decode(raw, header_charset(content_type), html=True)
    soup = parse_html(html, limits)
    raw_title = normalize_text(soup.title.get_text()) if soup.title else ""
    title, site_from_title = split_title(raw_title)
    canonical = soup.find("link", rel="canonical")
    page_url = (
        url or _meta(soup, "og:url") or (str(canonical.get("href")) if isinstance(canonical, Tag) else None)
    )
    page_url = strip_credentials(page_url) if page_url else None
    dates = markup_dates(soup)  # before cleaning: a <time> may sit in a header
    main = _main_element(soup)
    h1 = main.find("h1") or soup.find("h1")
    heading = normalize_text(h1.get_text()) if h1 else ""  # read before cleaning: it may sit in a header
    _clean(main)
    links = _links(main, page_url)
    text = block_text(main)
    if not text:
        raise IngestError("本文が見つかりません(空のページです)")
    page_title = heading or _meta(soup, "og:title") or title or first_line(text, 60)
    return Page(
        source=source,
        url=page_url if page_url and page_url.startswith(("http://", "https://")) else None,
        title=page_title,
        site=_meta(soup, "og:site_name") or site_from_title,
        text=text,
        fetched_at=dt.datetime.now(dt.UTC),
        sha256=hashlib.sha256(raw).hexdigest(),
        kind="html",
        links=links,
        main=main,
        published=page_date(text, raw_title or page_title, page_url, dates),
    )


def read_text(raw: bytes, source: str, url: str | None, content_type: str = "") -> Page:
    text = normalize_text(decode(raw, header_charset(content_type), html=False))
    if not text:
        raise IngestError("空のファイルです")
    first = first_line(text, 80)
    return Page(
        source, url, first, None, text, dt.datetime.now(dt.UTC), hashlib.sha256(raw).hexdigest(), "txt"
    )


def read_bytes(raw: bytes, content_type: str, source: str, url: str | None, *, limits: Limits) -> Page:
    """Dispatch on the content type (sniffing PDFs and HTML, which servers mislabel)."""
    if not raw.strip():
        raise IngestError("空のファイルです")
    if len(raw) > limits.max_bytes:
        raise limits.exceeded("max_bytes", "大きすぎます", f"{len(raw) / MB:.1f} MB")
    mime = content_type.split(";")[0].strip().lower()
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"%PDF") or mime == "application/pdf":
        return _dated(read_pdf(raw, source, url, limits=limits))
    if looks_binary(raw):
        raise IngestError(f"バイナリファイルは取り込めません({mime or '種類不明'})")
    if mime in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        return read_html(raw, source, url, content_type, limits=limits)
    if mime.startswith("text/") or mime in ("", "application/octet-stream"):
        return _dated(read_text(raw, source, url, content_type))
    raise IngestError(f"この種類のファイルは取り込めません({mime})")


def _dated(page: Page) -> Page:
    """A PDF or text file states its date in its text (a dated first line) or its URL."""
    page.published = page_date(page.text, page.title, page.url)
    return page


def read_snapshot(snap: Snapshot, *, limits: Limits) -> Page:
    page = read_bytes(snap.content, snap.content_type, snap.url, snap.url, limits=limits)
    page.fetched_at = snap.fetched_at
    return page


def read_file(path: Path, *, limits: Limits) -> Page:
    if not path.is_file():
        raise IngestError(f"ファイルがありません: {path}")
    if path.suffix.lower() not in (".html", ".htm", ".pdf", ".txt"):
        raise IngestError(f"対応していない種類のファイルです: {path}(.html/.htm/.pdf/.txt)")
    if (size := path.stat().st_size) > limits.max_bytes:
        raise limits.exceeded("max_bytes", "ファイルが大きすぎます", f"{size / MB:.1f} MB")
    page = read_bytes(path.read_bytes(), type_for(path), str(path), None, limits=limits)
    page.fetched_at = dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.UTC)
    return page
