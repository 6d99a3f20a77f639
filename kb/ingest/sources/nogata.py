"""直方市 (福岡県): the city's page on 住基ポイントデータ — household locations kept up to date at the
residents' counter — and the GIS used across departments. The site is served in Shift_JIS.

One lead per page; the theme is GIS, and the lead body is the city even where the page credits 北九州市
(KRIPP) or 香春町.
"""

from __future__ import annotations

from kb.ingest.harvest import FetchPage, Harvest, NamedSource, collect_each
from kb.ingest.lead import Lead
from kb.ingest.page import Page

URLS = ("https://www.city.nogata.fukuoka.jp/shisei/_1183/_9170.html",)


def parse(page: Page) -> Harvest:
    return Harvest(
        leads=[Lead(page=page, key=page.url or page.source, bodies=("福岡県直方市",), themes=("gis",))]
    )


def collect(fetch: FetchPage) -> Harvest:
    return collect_each(fetch, URLS, parse)


SOURCE = NamedSource(
    name="nogata",
    description="直方市(福岡県): 住基ポイントデータと全庁型GIS",
    urls=URLS,
    collect=collect,
)
