"""From bytes to a `Page`: main text of HTML (not menus, breadcrumbs and footers), plain text, and PDFs
(read by `kb.ingest.pdf`).

The main content is the first element a municipal CMS uses for it (`<main>`, `#tmp_contents`, `#main_body`...)
that holds real text; failing that, the block with the most text outside links. Inside it, navigation-like
elements are dropped by tag and by id/class name before the text is read block by block.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from kb.errors import IngestError
from kb.ingest.decode import decode, header_charset, looks_binary
from kb.ingest.page import Link, Page, normalize_text
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
BLOCK_TAGS = [
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "table",
    "section",
]
TITLE_SEPARATORS = re.compile(r"\s*[|｜／]\s*|\s+[-–—:：/]\s+")
SITE_LIKE = re.compile(r"(ホームページ|公式サイト|Webサイト|[省庁都道府県市区町村局])$")
MIN_MAIN_CHARS = 80


def _is_noise(tag: Tag) -> bool:
    names = [tag.get("id") or "", *(tag.get("class") or [])]
    return any(NOISE_NAMES.search(str(name)) for name in names)


def _clean(root: Tag) -> None:
    for tag in root.find_all(NOISE_TAGS):
        tag.decompose()
    for tag in root.find_all(True):
        if not tag.decomposed and tag is not root and _is_noise(tag):
            tag.decompose()


def _text_score(tag: Tag) -> int:
    text = len(tag.get_text(strip=True))
    in_links = sum(len(a.get_text(strip=True)) for a in tag.find_all("a"))
    return text - 2 * in_links


def _main_element(soup: BeautifulSoup) -> Tag:
    for selector in MAIN_SELECTORS:
        for tag in soup.select(selector):
            if len(tag.get_text(strip=True)) >= MIN_MAIN_CHARS:
                return tag
    body = soup.body or soup
    _clean(body)
    blocks = [body, *body.find_all(["div", "section", "td", "article"])]
    # The deepest block that keeps most of the text: a wrapper around menus scores lower than its content.
    return max(blocks, key=lambda t: _text_score(t) - 0.1 * len(t.get_text(strip=True)))


def _block_text(root: Tag) -> str:
    for tag in root.find_all(BLOCK_TAGS):
        tag.insert_after("\n")
        if tag.name == "br":
            tag.replace_with("\n")
    for cell in root.find_all(["td", "th"]):
        cell.insert_after(" ")
    return normalize_text(root.get_text(""))


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


def read_html(raw: bytes, source: str, url: str | None, content_type: str = "") -> Page:
    html = decode(raw, header_charset(content_type), html=True)
    soup = BeautifulSoup(html, "html.parser")
    raw_title = normalize_text(soup.title.get_text()) if soup.title else ""
    title, site_from_title = split_title(raw_title)
    canonical = soup.find("link", rel="canonical")
    page_url = (
        url or _meta(soup, "og:url") or (str(canonical.get("href")) if isinstance(canonical, Tag) else None)
    )
    main = _main_element(soup)
    h1 = main.find("h1") or soup.find("h1")
    heading = normalize_text(h1.get_text()) if h1 else ""  # read before cleaning: it may sit in a header
    _clean(main)
    links = [
        Link(normalize_text(a.get_text()), urljoin(page_url or "", str(a["href"])))
        for a in main.find_all("a", href=True)
    ]
    text = _block_text(main)
    if not text:
        raise IngestError("本文が見つかりません(空のページです)")
    return Page(
        source=source,
        url=page_url if page_url and page_url.startswith(("http://", "https://")) else None,
        title=heading or _meta(soup, "og:title") or title or text.splitlines()[0][:60],
        site=_meta(soup, "og:site_name") or site_from_title,
        text=text,
        fetched_at=dt.datetime.now(dt.UTC),
        sha256=hashlib.sha256(raw).hexdigest(),
        kind="html",
        links=links,
        main=main,
    )


def read_text(raw: bytes, source: str, url: str | None, content_type: str = "") -> Page:
    text = normalize_text(decode(raw, header_charset(content_type), html=False))
    if not text:
        raise IngestError("空のファイルです")
    first = text.splitlines()[0][:80]
    return Page(
        source, url, first, None, text, dt.datetime.now(dt.UTC), hashlib.sha256(raw).hexdigest(), "txt"
    )


def read_bytes(raw: bytes, content_type: str, source: str, url: str | None) -> Page:
    """Dispatch on the content type (sniffing PDFs and HTML, which servers mislabel)."""
    if not raw.strip():
        raise IngestError("空のファイルです")
    mime = content_type.split(";")[0].strip().lower()
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"%PDF") or mime == "application/pdf":
        return read_pdf(raw, source, url)
    if looks_binary(raw):
        raise IngestError(f"バイナリファイルは取り込めません({mime or '種類不明'})")
    if mime in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        return read_html(raw, source, url, content_type)
    if mime.startswith("text/") or mime in ("", "application/octet-stream"):
        return read_text(raw, source, url, content_type)
    raise IngestError(f"この種類のファイルは取り込めません({mime})")


def read_snapshot(snap: Snapshot) -> Page:
    page = read_bytes(snap.content, snap.content_type, snap.url, snap.url)
    page.fetched_at = snap.fetched_at
    return page


def read_file(path: Path) -> Page:
    if not path.is_file():
        raise IngestError(f"ファイルがありません: {path}")
    if path.suffix.lower() not in (".html", ".htm", ".pdf", ".txt"):
        raise IngestError(f"対応していない種類のファイルです: {path}(.html/.htm/.pdf/.txt)")
    page = read_bytes(path.read_bytes(), type_for(path), str(path), None)
    page.fetched_at = dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.UTC)
    return page
