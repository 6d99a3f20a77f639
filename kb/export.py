"""Exports of a collection of cases, for trainers and for people who load the data elsewhere: one table of
formats (`FORMATS`), used by `kb export` and by the web's `/collection/export.{fmt}` alike.

Every format carries the whole case: all sources, every metric with its note, the cost with its note, vendors,
contact, status, and a link to the case page; and the collection's own title and notes.

- `md`: a Markdown handout; text from the cases is escaped so a `]` or `<` in a title cannot break it.
- `csv`: UTF-8 with BOM and CRLF, which Excel on Japanese Windows opens without mojibake; cells that Excel
  would run as a formula (= + - @ and their full-width forms) get a leading apostrophe.
- `xlsx`: one row per case with every field (sheet 「事例」), and one sheet per main theme.
- `pptx`: a title slide, one slide per case, and a closing comparison slide, in Meiryo (in every Japanese
  Windows Office; PowerPoint for Mac substitutes its own Japanese gothic).
- `jsonl`: one full case record (`kb.case.Case` as JSON) per line.
- `html`: the print-ready A4 page (also served at `/collection/print`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from kb.case import (
    BAND_LABELS,
    LEVEL_LABELS,
    OUTCOME_LABELS,
    REGION_LABELS,
    STATUS_LABELS,
    Case,
    people,
    yen,
)

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_TITLE = "自治体DX事例 資料"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
FONT = "Meiryo"


@dataclass(frozen=True)
class Collection:
    cases: Sequence[Case]
    theme_labels: dict[str, str]
    title: str = DEFAULT_TITLE
    notes: str = ""
    base_url: str = ""  # prefix of case-page links ("" keeps them site-relative: /cases/<id>)
    made: dt.date = field(default_factory=dt.date.today)

    def page(self, case: Case) -> str:
        return f"{self.base_url.rstrip('/')}/cases/{case.id}"

    def themes(self, case: Case) -> str:
        return "、".join(self.theme_labels.get(t, t) for t in case.themes)


# --- the facts of a case in words, shared by every format ---------------------------------------------------


def who(case: Case) -> str:
    return "・".join(m.name for m in case.municipalities) or "匿名の自治体"


def town_line(case: Case) -> str:
    """「島根県益田市・市・人口4.5万人(2022年)・中国地方」; parts the case does not state are left out."""
    parts = [who(case)]
    if case.level:
        parts.append(LEVEL_LABELS[case.level])
    if case.population:
        year = f"({case.population_year}年)" if case.population_year else ""
        parts.append(f"人口{people(case.population)}{year}")
    if case.region:
        parts.append(f"{REGION_LABELS[case.region]}地方")
    return "・".join(parts)


def period(case: Case) -> str:
    """「2016年開始・実施中」; an ended case says so rather than 「2016年〜」."""
    status = f"・{STATUS_LABELS[case.status]}" if case.status else ""
    return f"{case.year}年開始{status}"


def cost_text(case: Case) -> str:
    cost = case.cost
    if cost is None:
        return ""
    amounts = []
    if cost.initial_yen is not None:
        amounts.append(f"初期 {yen(cost.initial_yen)}")
    if cost.annual_yen is not None:
        amounts.append(f"年間 {yen(cost.annual_yen)}")
    note = f"({cost.note})" if cost.note and amounts else (cost.note or "")
    return " / ".join(amounts) + note


def metric_text(case: Case) -> list[str]:
    return [f"{m.label}: {m.value}" + (f"({m.note})" if m.note else "") for m in case.metrics]


def source_text(case: Case) -> list[str]:
    out = []
    for s in case.sources:
        by = f" — {s.publisher}" if s.publisher else ""
        seen = f"(閲覧 {s.accessed.isoformat()})" if s.accessed else ""
        out.append(f"{s.title}{by}{seen} {s.url}")
    return out


def contact_text(case: Case) -> str:
    """The section to ask, and the page that names it (an official page, or an article quoting the section)."""
    if not case.contact:
        return ""
    department, url = case.contact.department or "", case.contact.url
    return f"{department}(部署名の出典: {url})" if url else department


# --- Markdown ------------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+\.)", re.M)


def md(text: str) -> str:
    """Text from a case, escaped for Markdown: no field can open a link, an image, emphasis, raw HTML, or a
    heading or list at a line start. Parentheses need no escape once brackets have one."""
    return _MD_LINE_START.sub(r"\1\\\2", _MD_SPECIAL.sub(r"\\\1", text))


def md_link(title: str, url: str) -> str:
    return f"[{md(title)}](<{url.replace('<', '%3C').replace('>', '%3E')}>)"


def case_markdown(case: Case, number: int, collection: Collection) -> str:
    lines = [f"## {number}. {md(case.title)}", ""]
    lines += [
        f"- 自治体: {md(town_line(case))}",
        f"- テーマ: {md(collection.themes(case))}",
        f"- {md(period(case))} / 結果: **{OUTCOME_LABELS[case.outcome]}**",
        f"- 事例ページ: {md_link(case.title, collection.page(case))}",
        "",
        md(case.summary.strip()),
        "",
    ]
    if case.metrics:
        lines += ["**指標**", "", *(f"- {md(m)}" for m in metric_text(case)), ""]
    if case.cost:
        lines += [f"**費用**: {md(cost_text(case))}", ""]
    if case.lessons:
        lines += ["**教訓**", "", *(f"- {md(lesson)}" for lesson in case.lessons), ""]
    if case.vendors:
        lines += [f"**事業者・製品**: {md('、'.join(case.vendors))}", ""]
    if case.contact:
        lines += [f"**問い合わせ**: {md(contact_text(case))}", ""]
    lines += ["**出典**", ""]
    for s in case.sources:
        extra = "".join(
            [f" — {md(s.publisher)}" if s.publisher else "", f"(閲覧 {s.accessed})" if s.accessed else ""]
        )
        lines.append(f"- {md_link(s.title, s.url)}{extra}")
    return "\n".join([*lines, ""])


def to_markdown(collection: Collection) -> bytes:
    cases = collection.cases
    present = {c.band for c in cases if c.band}
    bands = [label for band, label in BAND_LABELS.items() if band in present]  # small to large, not by text
    intro = f"{len(cases)} 件の事例" + (f"(人口規模: {'、'.join(bands)})" if bands else "")
    parts = [f"# {md(collection.title)}", "", intro, ""]
    if collection.notes:
        parts += [md(collection.notes), ""]
    parts += [case_markdown(c, i, collection) for i, c in enumerate(cases, 1)]
    return ("\n".join(parts).rstrip() + "\n").encode("utf-8")


# --- rows: CSV and Excel -------------------------------------------------------------------------------------

COLUMNS = (
    "ID",
    "事例",
    "自治体",
    "団体コード",
    "区分",
    "人口",
    "人口の年",
    "人口規模",
    "地方",
    "テーマ",
    "開始年",
    "状況",
    "結果",
    "概要",
    "教訓",
    "指標",
    "初期費用(円)",
    "年間費用(円)",
    "費用の注記",
    "事業者・製品",
    "問い合わせ",
    "出典",
    "事例ページ",
)


def row(case: Case, collection: Collection) -> list[str | int]:
    cost = case.cost
    return [
        case.id,
        case.title,
        who(case),
        "・".join(m.code for m in case.municipalities),
        LEVEL_LABELS[case.level] if case.level else "不明",
        case.population or "",
        case.population_year or "",
        BAND_LABELS[case.band] if case.band else "不明",
        REGION_LABELS[case.region] if case.region else "不明",
        collection.themes(case),
        case.year,
        STATUS_LABELS[case.status] if case.status else "",
        OUTCOME_LABELS[case.outcome],
        case.summary.strip(),
        "\n".join(case.lessons),
        "\n".join(metric_text(case)),
        cost.initial_yen if cost and cost.initial_yen is not None else "",
        cost.annual_yen if cost and cost.annual_yen is not None else "",
        (cost.note or "") if cost else "",
        "、".join(case.vendors),
        contact_text(case),
        "\n".join(source_text(case)),
        collection.page(case),
    ]


def safe_cell(value: str | int) -> str | int:
    """Text Excel would run as a formula (=, +, -, @, also full-width) gets a leading apostrophe."""
    return "'" + value if isinstance(value, str) and value[:1] in FORMULA_STARTS else value


def to_csv(collection: Collection) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([safe_cell(v) for v in row(c, collection)] for c in collection.cases)
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_name(label: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "・", label)[:28]
    while name in used:
        name = name[:26] + f"{len(used)}"
    used.add(name)
    return name


def to_xlsx(collection: Collection) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    header = book.add_format({"bold": True, "bg_color": "#DCE6F1", "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    def sheet(name: str, cases: Sequence[Case]) -> None:
        ws = book.add_worksheet(name)
        ws.write_row(0, 0, COLUMNS, header)
        for r, case in enumerate(cases, 1):
            ws.write_row(r, 0, row(case, collection), wrap)
        ws.freeze_panes(1, 2)
        ws.set_column(0, 0, 24)
        ws.set_column(1, 2, 30)
        ws.set_column(13, 15, 60)
        ws.autofilter(0, 0, max(1, len(cases)), len(COLUMNS) - 1)

    used: set[str] = set()
    sheet(_sheet_name("事例", used), collection.cases)
    by_theme: dict[str, list[Case]] = {}
    for case in collection.cases:
        by_theme.setdefault(case.themes[0], []).append(case)
    if len(by_theme) > 1:
        for theme, cases in by_theme.items():
            sheet(_sheet_name(collection.theme_labels.get(theme, theme), used), cases)
    book.set_properties({"title": collection.title, "comments": collection.notes})
    book.close()
    return buffer.getvalue()


# --- PowerPoint ----------------------------------------------------------------------------------------------


def to_pptx(collection: Collection) -> bytes:
    from kb.slides import build_deck

    return build_deck(collection)


# --- JSON Lines and the print page ---------------------------------------------------------------------------


def to_jsonl(collection: Collection) -> bytes:
    return "".join(c.model_dump_json() + "\n" for c in collection.cases).encode("utf-8")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(outcome_labels=OUTCOME_LABELS)
    env.filters.update(CASE_FILTERS)
    return env


# A case's facts in words, as Jinja filters: the handout here and the web's templates use the same ones.
CASE_FILTERS: dict[str, Callable[[Case], object]] = {
    "who": who,
    "town_line": town_line,
    "period": period,
    "cost_text": cost_text,
    "metric_text": metric_text,
    "contact_text": contact_text,
}


def handout_html(collection: Collection, stylesheet: str | None = None, script: str | None = None) -> str:
    """The A4 handout page. With `stylesheet`/`script` (URLs) it links them, as the web page does under its CSP;
    without, the CSS is inlined so the saved file stands alone."""
    css = None if stylesheet else (TEMPLATES / "handout.css").read_text(encoding="utf-8")
    return (
        _environment()
        .get_template("handout.html")
        .render(c=collection, css=css, stylesheet=stylesheet, script=script)
    )


def to_html(collection: Collection) -> bytes:
    return handout_html(collection).encode("utf-8")


@dataclass(frozen=True)
class ExportFormat:
    name: str  # = the file extension and the `--format` value
    title: str  # Japanese, for buttons and --help
    media_type: str
    render: Callable[[Collection], bytes]


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("md", "Markdown(配布資料)", "text/markdown; charset=utf-8", to_markdown),
        ExportFormat("csv", "CSV(Excel用)", "text/csv; charset=utf-8", to_csv),
        ExportFormat(
            "xlsx",
            "Excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            to_xlsx,
        ),
        ExportFormat(
            "pptx",
            "PowerPoint(スライド)",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            to_pptx,
        ),
        ExportFormat("jsonl", "JSON Lines(全項目)", "application/x-ndjson; charset=utf-8", to_jsonl),
        ExportFormat("html", "HTML(1ファイル)", "text/html; charset=utf-8", to_html),
    )
}


def export(collection: Collection, fmt: str) -> bytes:
    return FORMATS[fmt].render(collection)
