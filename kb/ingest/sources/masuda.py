"""益田市 (島根県): the window reform and online procedures, as the mayor's policy speeches (施政方針) state them.

The city's 施政方針 page links each year's speech (令和6年度施政方針, 令和5年度施政方針 ...); every year is read,
oldest first. A speech covers the whole city programme; only its paragraphs about counters and digital
services are kept, so each draft is about the 窓口 initiative and not about tourism or childcare. A year
whose speech says nothing about them gives no draft; only when no year does is that an error.
"""

from __future__ import annotations

import re

from kb.ingest.harvest import ALL_YEARS, FetchPage, Harvest, Listing, NamedSource, collect_listed
from kb.ingest.lead import Lead
from kb.ingest.page import Link, Page
from kb.ingest.wareki import to_seireki

URLS = ("https://www.city.masuda.lg.jp/soshikikarasagasu/seisakukikakukyoku/seisakukikakuka/3/shiseihousin/",)
SPEECH = re.compile(r"施政方針")
DX_WORDS = re.compile(r"窓口|デジタル|オンライン|キオスク|マイナンバー|DX|LINE|スマートフォン|ますトラ|電子")


def _year(link: Link) -> int | None:
    return to_seireki(link.text) if SPEECH.search(link.text) else None


YEARS = Listing(wanted=lambda link: _year(link) is not None, year=_year, what="年度ごとの施政方針")


def parse(page: Page) -> Harvest:
    """The speech's paragraphs about counters and digital services as one lead (none: no lead)."""
    paragraphs = [line for line in page.lines if DX_WORDS.search(line) and line.endswith("。")]
    if not paragraphs:
        return Harvest()
    lead = Lead(
        page=page,
        key=page.url or page.source,
        title=f"窓口改革と行政手続のオンライン化({page.title})",
        text="\n".join(paragraphs),
        bodies=("島根県益田市",),
        themes=("madoguchi",),
    )
    return Harvest(leads=[lead])


def collect(fetch: FetchPage, years: frozenset[int] = ALL_YEARS) -> Harvest:
    harvest = collect_listed(fetch, URLS, YEARS, parse, years)
    if not harvest.leads and not harvest.errors:
        harvest.errors.append(
            (URLS[0], "どの年度の施政方針にも窓口・デジタル化についての記述が見つかりません")
        )
    return harvest


SOURCE = NamedSource(
    name="masuda",
    description="益田市(島根県): 窓口改革(書かない窓口の計画)・行政手続のオンライン化(各年度の施政方針から)",
    urls=URLS,
    collect=collect,
)
