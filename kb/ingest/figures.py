"""Figures a text states — counts, durations, rates, amounts — as candidate metrics for the curator to check.

A figure is a number with a unit (人, 件, 時間, %, 割, 円, 倍...); dates, years and phone numbers are not. Its
label is the clause before it; figures in sentences about effects (削減, 短縮, 増加...) rank first. Money
amounts are also read as yen so a cost can be proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.case import Metric
from kb.text import sentences

_UNITS = "万人|人|件|時間|分間|分|秒|%|割|億円|万円|千円|円|倍|台|校|団体|市町村|市町|か所|箇所|ヶ所|世帯|店舗|枚|回|種類|手続"
_NUMBER = r"\d[\d,]*(?:\.\d+)?(?:[億万千]\d[\d,]*(?:\.\d+)?)*"
FIGURE = re.compile(rf"(約|およそ|最大|最短|年間|月)?({_NUMBER})\s*(億|万|千)?({_UNITS})")
_SCALES = {"億": 100_000_000, "万": 10_000, "千": 1_000}
EFFECT_WORDS = (
    "削減",
    "短縮",
    "減少",
    "増加",
    "向上",
    "達成",
    "利用",
    "件数",
    "割合",
    "効果",
    "登録",
    "参加",
)
COST_WORDS = ("費用", "事業費", "経費", "予算", "コスト", "委託料")
ANNUAL_WORDS = ("年間", "運用", "保守", "毎年", "ランニング")
_CLAUSE_BREAK = re.compile(r"[、。,「」『』()()・:\s]")
_NOUN_AFTER = re.compile(r"の「?([一-龥々ァ-ヴーA-Za-z]{2,20})")  # 「16人のデジタル人材」: the noun counted
_PARTICLES = ("は", "が", "を", "で", "に", "の", "と", "も", "から", "まで", "より")
MAX_METRICS = 5


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    sentence: str
    yen: int | None  # the amount in yen when the figure is money


def number_value(number: str) -> float:
    """「2万6千」 → 26000, 「5,100」 → 5100, 「1.5」 → 1.5."""
    total, rest = 0.0, number.replace(",", "")
    for part, scale in re.findall(r"([\d.]+)([億万千]?)", rest):
        total += float(part) * _SCALES.get(scale, 1)
    return total


def yen(number: str, scale: str | None, unit: str) -> int | None:
    if not unit.endswith("円"):
        return None
    multiplier = _SCALES.get(unit[:-1], 1) * _SCALES.get(scale or "", 1)
    return round(number_value(number) * multiplier)


def _label(sentence: str, start: int) -> str:
    before = _CLAUSE_BREAK.split(sentence[:start])
    label = next((part for part in reversed(before) if part), "")
    for particle in _PARTICLES:
        label = label.removesuffix(particle).removeprefix(particle)
    return label[-20:]


def _is_date_or_code(sentence: str, m: re.Match[str]) -> bool:
    after = sentence[m.end() : m.end() + 1]
    before = sentence[max(0, m.start() - 1) : m.start()]
    # 「14時30分」「令和6年11月6日」「0856-31-0100」「第5回」 are not figures.
    return before in ("時", "-", "年", "第", ".") or after in ("-", "日", "月", ".")


def find_figures(text: str) -> list[Figure]:
    found = []
    for sentence in sentences(text):
        for m in FIGURE.finditer(sentence):
            if _is_date_or_code(sentence, m) or number_value(m[2]) == 0:
                continue
            after = _NOUN_AFTER.match(sentence, m.end())
            noun = after[1] if after else ""
            before = _label(sentence, m.start())
            label = noun if len(noun) >= 3 or len(before) < 2 else before
            if len(label) < 2:
                continue
            value = m[0].strip()
            found.append(Figure(label, value, sentence, yen(m[2], m[3], m[4])))
    return found


def candidate_metrics(figures: list[Figure]) -> list[Metric]:
    def rank(f: Figure) -> int:
        return -sum(word in f.sentence for word in EFFECT_WORDS)

    chosen = sorted((f for f in figures if f.yen is None), key=rank)[:MAX_METRICS]
    return [Metric(label=f.label, value=f.value, note=f"本文より(要確認): {f.sentence[:80]}") for f in chosen]


def candidate_cost(figures: list[Figure]) -> tuple[int | None, int | None, str | None]:
    """(initial_yen, annual_yen, note) from money figures in sentences about costs."""
    initial = annual = None
    notes = []
    for f in figures:
        if f.yen is None or not any(word in f.sentence for word in COST_WORDS):
            continue
        if any(word in f.label for word in ANNUAL_WORDS):
            annual = annual or f.yen
        else:
            initial = initial or f.yen
        notes.append(f.sentence[:80])
    notes = list(dict.fromkeys(notes))[:2]
    return initial, annual, ("本文より(要確認): " + " / ".join(notes)) if notes else None
