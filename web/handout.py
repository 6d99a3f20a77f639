"""A trainer's collection as a handout: Markdown to paste or print, CSV for Excel.

The CSV is UTF-8 with a byte-order mark and CRLF line ends: that is what makes Excel on Japanese Windows open
it with the Japanese intact (without the BOM it guesses Shift_JIS and shows mojibake).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from kb.case import BAND_LABELS, LEVEL_LABELS, OUTCOME_LABELS, REGION_LABELS, Case
from web.templating import people, who, yen

CSV_COLUMNS = (
    "ID",
    "事例",
    "自治体",
    "区分",
    "人口",
    "人口の年",
    "地方",
    "テーマ",
    "開始年",
    "結果",
    "概要",
    "教訓",
    "指標",
    "初期費用(円)",
    "年間費用(円)",
    "出典URL",
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _label(labels: dict, value: object) -> str:  # type: ignore[type-arg]
    return labels.get(value, "不明") if value is not None else "不明"


def _facts(case: Case, theme_labels: dict[str, str]) -> list[str]:
    return [
        f"- 自治体: {who(case)}({_label(LEVEL_LABELS, case.level)}・{_label(REGION_LABELS, case.region)})",
        f"- 人口: {people(case.population)}"
        + (f"({case.population_year}年)" if case.population_year else ""),
        f"- テーマ: {'、'.join(theme_labels.get(t, t) for t in case.themes)}",
        f"- 開始年: {case.year}年 / 結果: {OUTCOME_LABELS[case.outcome]}",
    ]


def case_markdown(case: Case, number: int, theme_labels: dict[str, str]) -> str:
    lines = [f"## {number}. {case.title}", "", *_facts(case, theme_labels), "", case.summary.strip(), ""]
    if case.metrics:
        lines += ["**指標**", ""]
        lines += [f"- {m.label}: {m.value}" + (f"({m.note})" if m.note else "") for m in case.metrics]
        lines.append("")
    if case.cost and (case.cost.initial_yen or case.cost.annual_yen):
        lines += [f"**費用**: 初期 {yen(case.cost.initial_yen)} / 年間 {yen(case.cost.annual_yen)}", ""]
    if case.lessons:
        lines += ["**教訓**", "", *(f"- {lesson}" for lesson in case.lessons), ""]
    lines += ["**出典**", "", *(f"- [{s.title}]({s.url})" for s in case.sources), ""]
    return "\n".join(lines)


def to_markdown(cases: Sequence[Case], theme_labels: dict[str, str], title: str = "自治体DX事例 資料") -> str:
    bands = {BAND_LABELS[c.band] for c in cases if c.band}
    intro = f"{len(cases)} 件の事例" + (f"(人口規模: {'、'.join(sorted(bands))})" if bands else "")
    parts = [f"# {title}", "", intro, ""]
    parts += [case_markdown(c, i, theme_labels) for i, c in enumerate(cases, 1)]
    return "\n".join(parts).rstrip() + "\n"


def _row(case: Case, theme_labels: dict[str, str]) -> list[str | int]:
    cost = case.cost
    return [
        case.id,
        case.title,
        who(case),
        _label(LEVEL_LABELS, case.level),
        case.population or "",
        case.population_year or "",
        _label(REGION_LABELS, case.region),
        "、".join(theme_labels.get(t, t) for t in case.themes),
        case.year,
        OUTCOME_LABELS[case.outcome],
        case.summary.strip(),
        "\n".join(case.lessons),
        "\n".join(f"{m.label}: {m.value}" for m in case.metrics),
        cost.initial_yen if cost and cost.initial_yen is not None else "",
        cost.annual_yen if cost and cost.annual_yen is not None else "",
        case.url,
    ]


def _cell(value: str | int) -> str | int:
    """Text Excel would run as a formula (=, +, -, @) is quoted with a leading apostrophe."""
    return "'" + value if isinstance(value, str) and value[:1] in FORMULA_STARTS else value


def to_csv(cases: Sequence[Case], theme_labels: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([_cell(v) for v in _row(c, theme_labels)] for c in cases)
    return buffer.getvalue().encode("utf-8-sig")
