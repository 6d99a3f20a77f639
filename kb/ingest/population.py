"""The lead body's population: as the page states it (「人口は2万8千人ほど」「人口82,169人(2025年5月1日現在)」)
with its date, else the official figure of the registry (住民基本台帳, 2022, `kb.townstats`).

A stated figure counts when its sentence names the lead body or no other body, it is not a threshold or a
rate (「人口5万人以下の自治体」「人口10万人あたり」), and it is within half to twice the official figure (a
region's or prefecture's population is not the body's). Its date is the one written with it, else the page's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.ingest.figures import number_value
from kb.ingest.pagedate import PageDate, parse_date
from kb.municipalities import Municipality
from kb.townstats import meta, population_year

STATED = re.compile(
    r"人口(?:は|が|:|:|約|およそ|規模|\s)*(約|およそ)?\s*(\d[\d,]*(?:\.\d+)?(?:[万千]\d[\d,]*)*)\s*([万千])?\s*人"
    r"(?P<rest>[^。\n]{0,30})"
)
NOT_THE_BODY = re.compile(
    r"^(?:以上|以下|未満|超|あたり|当たり|規模|クラス|程度の自治体|前後の自治体|の(?:自治体|市町村|都市))"
)
WINDOW = 200  # characters around a stated figure read as its sentence
DATED = re.compile(
    r"^[^。]{0,6}?[((]([^))]{4,20})[))]|^[^。]{0,3}?((?:令和|平成|\d{4})[^、。]{1,12}?(?:現在|時点|末))"
)


@dataclass(frozen=True)
class Population:
    value: int
    year: int | None  # None: the page gives no date for it
    source: str | None  # population_source when the figure is not from the case's sources
    note: str  # for the curator: where the figure comes from


def official(body: Municipality) -> Population | None:
    if body.population is None:
        return None
    as_of = str(meta()["columns"]["population"]["as_of"])
    source = (
        f"{meta()['columns']['population']['source']}({as_of[:4]}年{int(as_of[5:7])}月{int(as_of[8:10])}日)"
    )
    return Population(
        body.population, population_year(), source, f"人口: 公的統計 {body.population:,}人({as_of})"
    )


def _when(rest: str, date: PageDate | None) -> int | None:
    match = DATED.search(rest)
    parsed = (
        parse_date((match[1] or match[2]) + ("1日" if "日" not in (match[1] or match[2]) else ""))
        if match
        else None
    )
    if parsed:
        return parsed[0].year
    return date.date.year if date else None


def stated_population(
    text: str, body: Municipality, others: tuple[str, ...], date: PageDate | None
) -> Population | None:
    for m in STATED.finditer(text):
        low, high = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)  # bounded per match
        start = max(text.rfind("。", low, m.start()), text.rfind("\n", low, m.start()), low - 1) + 1
        stop = text.find("。", m.end(), high)
        sentence = text[start : stop + 1 if stop >= 0 else high]
        if NOT_THE_BODY.match(m["rest"]) or (
            any(o in sentence for o in others) and body.short not in sentence
        ):
            continue
        value = round(number_value(m[2] + (m[3] or "")))
        if body.population and not body.population / 2 <= value <= body.population * 2:
            continue
        year = _when(m["rest"], date)
        shown = f"{year}年" if year else "時点不明"
        said = " ".join(sentence.split())[:80]
        return Population(value, year, None, f"人口: 本文の記述 {value:,}人({shown})「{said}」")
    return None


def propose_population(
    text: str, body: Municipality, others: tuple[str, ...], date: PageDate | None
) -> tuple[Population | None, list[str]]:
    """(the population for the draft's fields, notes for the curator): the stated figure when it has a date,
    else the official one (an undated stated figure is only noted)."""
    stated = stated_population(text, body, others, date)
    registry = official(body)
    if stated is not None and stated.year is not None:
        return stated, [stated.note]
    notes = [n.note + "(年が分からないため公的統計を入れました)" for n in (stated,) if n is not None]
    return registry, notes + ([registry.note] if registry else [])
