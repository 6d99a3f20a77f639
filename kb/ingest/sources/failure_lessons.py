"""Failure lessons: what did not work, as told in the national study group's minutes and case books.

Starts from the page of 総務省's 「地方自治体のデジタルトランスフォーメーション推進に係る検討会」 (Shift_JIS),
follows every 議事概要/議事要旨/事例集 link (PDF or HTML), splits each document into remarks (○, ・ items)
and keeps those that report something abandoned, unused or without effect. Each such remark becomes an
anonymous `failure` lead whose lessons are the remark's own 「〜べき」「〜が重要」 sentences.
"""

from __future__ import annotations

import re

from kb.case import Outcome
from kb.ingest.harvest import ALL_YEARS, FetchPage, Harvest, Listing, NamedSource, collect_listed
from kb.ingest.lead import Lead
from kb.ingest.page import Page
from kb.ingest.wareki import year_mentions
from kb.text import sentences

URLS = ("https://www.soumu.go.jp/main_sosiki/kenkyu/jichitai_dx/index.html",)
DOCUMENT_LINK = re.compile(r"議事概要|議事要旨|議事録|事例集")
REMARK_START = re.compile(r"^[○●◯・]\s*")
FAILED = re.compile(
    r"見送|断念|中止|頓挫|失敗|うまくいかな|効果が(出|上が)(ら)?なかった|伸びなかった|使われな(かった|い)|"
    r"定着しなかった|至らなかった|進まなかった|利用が低迷"
)
LESSON = re.compile(r"べき|必要(がある|である|だ|です)|重要|大切|望ましい|肝要")
MAX_TITLE = 50


def remarks(page: Page) -> list[str]:
    """The ○/・ items of minutes, each joined into one line."""
    items: list[str] = []
    for line in page.lines:
        if REMARK_START.match(line):
            items.append(REMARK_START.sub("", line))
        elif items and not line.startswith(("(以上)", "以上")):
            items[-1] += line
    return items


def _when(page: Page) -> str:
    """The meeting date line (「日時 令和4年5月11日」), for the year a lesson was first reported."""
    dated = next((line for line in page.lines[:15] if year_mentions(line)), "")
    match = re.search(r"(令和|平成)\S*?年\S*?日|\d{4}年\S*?日", dated)
    return match[0] if match else ""


def failure_leads(page: Page) -> list[Lead]:
    when = _when(page)
    leads = []
    for n, remark in enumerate(remarks(page), 1):
        if not FAILED.search(remark):
            continue
        said = sentences(remark)
        lessons = [s for s in said if LESSON.search(s)]
        first = said[0] if said else remark
        title = first[:MAX_TITLE].rstrip("。、") + ("…" if len(first) > MAX_TITLE else "")
        intro = f"{page.title}({when})で次の指摘があった。" if when else f"{page.title}で次の指摘があった。"
        leads.append(
            Lead(
                page=page,
                key=f"{page.url or page.source}#{n}",
                title=title,
                text=f"{intro}\n{remark}",
                intro=intro,
                outcome=Outcome.failure,
                lessons=lessons or [f"(教訓を出典から書き起こしてください){first}"],
                anonymous_ok=True,
            )
        )
    return leads


DOCUMENTS = Listing(wanted=lambda link: bool(DOCUMENT_LINK.search(link.text)), what="議事概要・事例集")


def collect(fetch: FetchPage, years: frozenset[int] = ALL_YEARS) -> Harvest:
    """The failure leads of every minutes or case-book document the study group's page links to."""
    return collect_listed(fetch, URLS, DOCUMENTS, lambda page: Harvest(leads=failure_leads(page)))


SOURCE = NamedSource(
    name="failure_lessons",
    description="失敗・課題の教訓: 総務省 自治体DX検討会の議事概要・事例集から「うまくいかなかった」発言を抽出",
    urls=URLS,
    collect=collect,
)
