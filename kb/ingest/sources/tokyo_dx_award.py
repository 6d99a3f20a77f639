"""Tokyo区市町村DX賞 (Tokyo区市町村DXaward): the Tokyo Digital Service Bureau's award pages.

The award's index page links each year's page (`…/dxaward/2023`, `…/dxaward/2024` ...); every year is read,
oldest first (`kb ingest tokyo_dx_award --year 2024` reads one). Each year's page lists the winners under award headings (「(1)区市町村DX賞(大賞)」) and category labels
(「【行政サービス部門】」), one winner per paragraph as 「調布市 「取組名」」. Every winner becomes one lead; a
winner whose name links to a presentation (PDF or page) gets that document's text too.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin

from bs4 import Tag
from tqdm import tqdm

from kb.errors import IngestError
from kb.ingest.harvest import ALL_YEARS, FetchPage, Harvest, Listing, NamedSource, collect_listed
from kb.ingest.htmltree import block_text
from kb.ingest.lead import Lead
from kb.ingest.page import Link, Page
from kb.ingest.pagedate import PageDate
from kb.municipalities import load_registry

URLS = ("https://www.digitalservice.metro.tokyo.lg.jp/business/kushichoson-dx/dxaward",)
YEAR_PAGE = re.compile(r"/dxaward/(?P<year>20\d{2})/?$")
# 「(1)区市町村DX賞(大賞)」 as a heading or as an enumerated paragraph; never a sentence (no 。).
AWARD = re.compile(r"^(?:\(\d+\)|\d+[.\s])?\s*(?P<award>[^「」。]{0,40}賞[^「」。]{0,12})$")
ENUMERATED = re.compile(r"^(?:\(\d+\)|\d+[.\s])")
CATEGORY = re.compile(r"^【(?P<category>[^】]+)】$")
WINNER = re.compile(r"^(?P<who>[^「『\s][^「『]{1,30}?)\s*[「『](?P<title>.+)[」』]$")
BLOCKS = ["h2", "h3", "h4", "h5", "p", "li", "dt", "dd"]


def body_name(who: str) -> str | None:
    """The Tokyo body in a winner's name: 「武蔵村山市」, 「東京都職員有志」 → 東京都 (longest prefix that is a body)."""
    registry = load_registry()
    for end in range(len(who), 1, -1):
        for name in (f"東京都{who[:end]}", who[:end]):
            found = registry.lookup(name)
            if len(found) == 1 and found[0].prefecture == "東京都":
                return found[0].name
    return None


def _winner_elements(main: Tag) -> list[tuple[Tag, str, str, str]]:
    """(element, award, category, text) for each winner paragraph, in page order."""
    award = category = ""
    found = []
    for tag in main.find_all(BLOCKS):
        text = block_text(tag)
        if tag.name in ("h2", "h3", "h4", "h5") or (ENUMERATED.match(text) and AWARD.match(text)):
            heading = AWARD.match(text)
            award, category = (heading["award"].strip(), "") if heading else ("", "")
            continue
        if match := CATEGORY.match(text):
            category = match["category"]
        elif award and WINNER.match(text):
            found.append((tag, award, category, text))
    return found


def _lead(page: Page, n: int, award: str, category: str, text: str, detail: str) -> Lead:
    match = WINNER.match(text)
    assert match is not None
    who, title = match["who"].strip(), match["title"].strip()
    where = f"{award}({category})" if category else award
    intro = f"{who}の「{title}」が、{page.title}で{where}を受賞した。"
    name = body_name(who)
    return Lead(
        page=page,
        key=f"{page.url or page.source}#{n}",
        title=title,
        text="\n".join(part for part in (intro, title, detail) if part),
        intro=intro,
        bodies=(name,) if name else (),
    )


def parse(page: Page, fetch: FetchPage | None = None) -> Harvest:
    harvest = Harvest()
    year = YEAR_PAGE.search(page.url or "")
    if page.published is None and year:  # the year's page: the award year dates its winners
        page.published = PageDate(dt.date(int(year["year"]), 1, 1), "受賞の年(ページのURL)", has_day=False)
    if page.main is None:
        raise IngestError("受賞一覧のページとして読めません(HTMLではありません)")
    winners = _winner_elements(page.main)
    if not winners:
        raise IngestError("受賞取組が見つかりません(ページの構成が変わった可能性があります)")
    for n, (tag, award, category, text) in enumerate(tqdm(winners, desc="受賞取組", disable=None), 1):
        detail = ""
        link = tag.find("a", href=True)
        if fetch is not None and link is not None:
            url = urljoin(page.url or "", str(link["href"]))
            try:
                detail = fetch(url).text
            except IngestError as e:
                harvest.errors.append((url, f"発表資料を読めません: {e}"))
        harvest.leads.append(_lead(page, n, award, category, text, detail))
    return harvest


def _year(link: Link) -> int | None:
    match = YEAR_PAGE.search(link.url)
    return int(match["year"]) if match else None


YEARS = Listing(wanted=lambda link: _year(link) is not None, year=_year, what="年ごとの受賞ページ")


def collect(fetch: FetchPage, years: frozenset[int] = ALL_YEARS) -> Harvest:
    return collect_listed(fetch, URLS, YEARS, lambda page: parse(page, fetch), years)


SOURCE = NamedSource(
    name="tokyo_dx_award",
    description="Tokyo区市町村DX賞(東京都デジタルサービス局): 各年の受賞取組ごとに1件の下書き",
    urls=URLS,
    collect=collect,
)
