"""Japanese era years (和暦) to Western years (西暦), and the years a text mentions.

Handles 令和/平成/昭和/大正/明治 with 元年, Arabic, full-width and kanji numerals (令和元年, 平成２８年, 令和五年),
fiscal years (年度), the abbreviations municipal documents use (R5年度, H28.4), and plain 西暦 (2023年).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ERA_FIRST_YEAR = {"令和": 2019, "平成": 1989, "昭和": 1926, "大正": 1912, "明治": 1868}
ERA_LETTERS = {"R": "令和", "H": "平成", "S": "昭和", "T": "大正", "M": "明治"}
_KANJI = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_NUM = r"(元|\d{1,2}|[〇一二三四五六七八九十]{1,3})"
WAREKI = re.compile(rf"(令和|平成|昭和|大正|明治)\s*{_NUM}\s*(年度|年)")
ABBREVIATED = re.compile(r"(?<![A-Za-z])([RHS])\s?(\d{1,2})\s*(年度|年|\.(?=\d))")
SEIREKI = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(年度|年)")


@dataclass(frozen=True)
class YearMention:
    year: int
    fiscal: bool  # 年度
    start: int
    end: int


def kanji_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十八 → 28 (enough for era years)."""
    if "十" not in text:
        return int("".join(str(_KANJI[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_KANJI[tens] if tens else 1) * 10 + (_KANJI[ones] if ones else 0)


def era_year(era: str, number: str) -> int:
    """("令和", "元") → 2019, ("平成", "28") → 2016, ("令和", "五") → 2023."""
    number = unicodedata.normalize("NFKC", number)
    if number == "元":
        n = 1
    elif number.isdigit():
        n = int(number)
    else:
        n = kanji_number(number)
    return ERA_FIRST_YEAR[era] + n - 1


def to_seireki(text: str) -> int | None:
    """The Western year of one date expression (「令和５年度」 → 2023), or None."""
    found = year_mentions(text)
    return found[0].year if found else None


def year_mentions(text: str) -> list[YearMention]:
    """Every year the text mentions, in order. Offsets refer to the NFKC form of `text`."""
    text = unicodedata.normalize("NFKC", text)
    found = [
        YearMention(era_year(m[1], m[2]), m[3] == "年度", m.start(), m.end()) for m in WAREKI.finditer(text)
    ]
    for m in ABBREVIATED.finditer(text):
        found.append(YearMention(era_year(ERA_LETTERS[m[1]], m[2]), m[3] == "年度", m.start(), m.end()))
    found += [YearMention(int(m[1]), m[2] == "年度", m.start(), m.end()) for m in SEIREKI.finditer(text)]
    return sorted(found, key=lambda y: y.start)


def annotate(text: str) -> str:
    """Add the Western year after each era year: 「平成26年度から」 → 「平成26年度(2014年度)から」."""

    def add(m: re.Match[str]) -> str:
        if text[m.end() : m.end() + 1] in ("(", "（"):
            return m[0]  # already annotated by the author
        return f"{m[0]}({era_year(m[1], m[2])}{m[3]})"

    return WAREKI.sub(add, text)
