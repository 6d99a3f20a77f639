"""益田市 (島根県): the window reform and online procedures, as the mayor's policy speech (施政方針) states them.

The speech covers the whole city programme; only its paragraphs about counters and digital services are
kept, so the draft is about the 窓口 initiative and not about tourism or childcare.
"""

from __future__ import annotations

import re

from kb.errors import IngestError
from kb.ingest.harvest import FetchPage, Harvest, NamedSource, collect_each
from kb.ingest.lead import Lead
from kb.ingest.page import Page

URLS = (
    "https://www.city.masuda.lg.jp/soshikikarasagasu/seisakukikakukyoku/seisakukikakuka/3/shiseihousin/9373.html",
)
DX_WORDS = re.compile(r"窓口|デジタル|オンライン|キオスク|マイナンバー|DX|LINE|スマートフォン|ますトラ|電子")


def parse(page: Page) -> Harvest:
    paragraphs = [line for line in page.lines if DX_WORDS.search(line) and line.endswith("。")]
    if not paragraphs:
        raise IngestError("窓口・デジタル化についての記述が見つかりません")
    lead = Lead(
        page=page,
        key=page.url or page.source,
        title=f"窓口改革と行政手続のオンライン化({page.title})",
        text="\n".join(paragraphs),
        bodies=("島根県益田市",),
        themes=("madoguchi",),
    )
    return Harvest(leads=[lead])


def collect(fetch: FetchPage) -> Harvest:
    return collect_each(fetch, URLS, parse)


SOURCE = NamedSource(
    name="masuda",
    description="益田市(島根県): 窓口改革(書かない窓口の計画)・行政手続のオンライン化(施政方針から)",
    urls=URLS,
    collect=collect,
)
