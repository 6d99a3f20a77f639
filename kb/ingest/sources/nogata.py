"""直方市 (福岡県): the city's pages on 住基ポイントデータ — household locations kept up to date at the
residents' counter — and the GIS used across departments. The site is served in Shift_JIS.

The pages are followed from the city's 情報化・GIS list page (those about GIS, 住基 or maps; not, say, its
open-data page). One lead per page; the theme is GIS, and the lead body is the city even where the page
credits 北九州市 (KRIPP) or 香春町.
"""

from __future__ import annotations

import re

from kb.ingest.harvest import ALL_YEARS, FetchPage, Harvest, Listing, NamedSource, collect_listed
from kb.ingest.lead import Lead
from kb.ingest.page import Page

URLS = ("https://www.city.nogata.fukuoka.jp/shisei/_1183/",)
GIS_PAGE = re.compile(r"GIS|住基|地図|位置情報")
PAGES = Listing(
    wanted=lambda link: bool(GIS_PAGE.search(link.text)) and link.url not in URLS, what="GISのページ"
)


def parse(page: Page) -> Harvest:
    return Harvest(
        leads=[Lead(page=page, key=page.url or page.source, bodies=("福岡県直方市",), themes=("gis",))]
    )


def collect(fetch: FetchPage, years: frozenset[int] = ALL_YEARS) -> Harvest:
    return collect_listed(fetch, URLS, PAGES, parse)


SOURCE = NamedSource(
    name="nogata",
    description="直方市(福岡県): 住基ポイントデータと全庁型GIS",
    urls=URLS,
    collect=collect,
)
