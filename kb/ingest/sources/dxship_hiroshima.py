"""DXShipひろしま: Hiroshima Prefecture's page on recruiting and sharing digital staff with its 市町.

The programme has one page, updated in place (no list of yearly pages to follow). One lead: the prefecture
first, then the participating 市町 the page lists under a heading such as
「参加市町」 (as list items, or as one sentence separated by 、).
"""

from __future__ import annotations

import re

from bs4 import Tag

from kb.errors import IngestError
from kb.ingest.harvest import ALL_YEARS, FetchPage, Harvest, NamedSource, collect_each
from kb.ingest.htmltree import block_text
from kb.ingest.lead import Lead
from kb.ingest.page import Page

URLS = ("https://www.pref.hiroshima.lg.jp/site/dxship/index.html",)
PREFECTURE = "広島県"
MEMBERS_HEADING = re.compile(r"参加|参画|配属先|連携(市町|団体)")
MEMBER = re.compile(r"[^\s、,・()]{1,6}?[市町村]")


def members(main: Tag) -> list[str]:
    """The 市町 listed under the participants heading, in page order."""
    heading = next(
        (h for h in main.find_all(["h2", "h3", "h4"]) if MEMBERS_HEADING.search(h.get_text())), None
    )
    if heading is None:
        return []
    names: list[str] = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3", "h4"):
            break
        items = sibling.find_all("li") if sibling.name in ("ul", "ol") else []
        texts = [block_text(li) for li in items]
        if not items and sibling.name == "p" and "、" in sibling.get_text():
            texts = block_text(sibling).split("、")
        names += [t.strip() for t in texts if MEMBER.fullmatch(t.strip())]
    return list(dict.fromkeys(names))


def parse(page: Page) -> Harvest:
    if page.main is None:
        raise IngestError("DXShipひろしまのページとして読めません(HTMLではありません)")
    bodies = (PREFECTURE, *(f"{PREFECTURE}{name}" for name in members(page.main)))
    return Harvest(leads=[Lead(page=page, key=page.url or page.source, bodies=bodies, themes=("jinzai",))])


def collect(fetch: FetchPage, years: frozenset[int] = ALL_YEARS) -> Harvest:
    return collect_each(fetch, URLS, parse)


SOURCE = NamedSource(
    name="dxship_hiroshima",
    description="DXShipひろしま(広島県): 県と市町によるデジタル人材の共同採用・配属、参加市町つき",
    urls=URLS,
    collect=collect,
)
