"""The PowerPoint export (`python-pptx`): a title slide, one slide per case, and closing comparison slides.

16:9 slides in Meiryo for both Latin and East Asian text (PowerPoint picks the East Asian font for Japanese
characters, so both are set). Long text is kept inside its box by choosing the font size from the text's
length and capping lists, and each box is also marked shrink-on-overflow for PowerPoint to finish the fit.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from kb.case import OUTCOME_LABELS, Case, people

if TYPE_CHECKING:
    from pptx.presentation import Presentation as Deck
    from pptx.slide import Slide
    from pptx.text.text import TextFrame

    from kb.export import Collection

FONT = "Meiryo"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
NAVY = RGBColor(0x0D, 0x2D, 0x52)
GREY = RGBColor(0x55, 0x5B, 0x61)
OUTCOME_COLORS = {
    "success": RGBColor(0x1E, 0x7B, 0x34),
    "mixed": RGBColor(0xB2, 0x6B, 0x00),
    "failure": RGBColor(0xB0, 0x1E, 0x1E),
    "unknown": RGBColor(0x55, 0x5B, 0x61),
}
CREDIT = "出典は各事例の出典ページ。整理: 自治体DX事例ナレッジベース"
ROWS_PER_TABLE = 10
MAX_METRICS, MAX_LESSONS = 5, 4


def _font(run_properties: object, size: int, bold: bool = False, color: RGBColor | None = None) -> None:
    font = run_properties  # a python-pptx Font
    font.name = FONT  # type: ignore[attr-defined]
    font.size = Pt(size)  # type: ignore[attr-defined]
    font.bold = bold  # type: ignore[attr-defined]
    if color is not None:
        font.color.rgb = color  # type: ignore[attr-defined]
    r_pr = font._rPr  # type: ignore[attr-defined]
    for tag in ("a:ea", "a:cs"):  # the East Asian font is the one Japanese text is drawn in
        element = r_pr.find(qn(tag))
        if element is None:
            element = r_pr.makeelement(qn(tag), {})
            r_pr.append(element)
        element.set("typeface", FONT)


def _box(slide: Slide, left: float, top: float, width: float, height: float) -> TextFrame:
    shape = slide.shapes.add_textbox(Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height)))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    return frame


def _lines(
    frame: TextFrame, lines: list[str], size: int, bold: bool = False, color: RGBColor | None = None
) -> None:
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        _font(run.font, size, bold, color)


def _size_for(text: str, sizes: tuple[tuple[int, int], ...]) -> int:
    """The largest font size whose character budget the text fits (sizes: (max chars, points), ascending)."""
    for limit, points in sizes:
        if len(text) <= limit:
            return points
    return sizes[-1][1]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title_slide(deck: Deck, collection: Collection) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _lines(
        _box(slide, Inches(0.8), Inches(2.2), WIDTH - Inches(1.6), Inches(1.4)),
        [collection.title],
        36,
        True,
        NAVY,
    )
    sub = [f"{len(collection.cases)} 件の事例・{collection.made.isoformat()} 作成"]
    if collection.notes:
        sub.append(_clip(collection.notes, 300))
    _lines(_box(slide, Inches(0.8), Inches(3.8), WIDTH - Inches(1.6), Inches(2.4)), sub, 18, color=GREY)


def _case_slide(deck: Deck, case: Case, number: int, collection: Collection) -> None:
    from kb.export import period, town_line

    slide = deck.slides.add_slide(deck.slide_layouts[6])
    margin, gap = Inches(0.5), Inches(0.3)
    title = f"{number}. {case.title}"
    _lines(_box(slide, margin, Inches(0.3), WIDTH - 2 * margin, Inches(0.9)), [title], _size_for(title, ((34, 26), (50, 22), (80, 18))), True, NAVY)  # fmt: skip
    frame = _box(slide, margin, Inches(1.2), WIDTH - 2 * margin, Inches(0.5))
    _lines(frame, [f"{town_line(case)}・{period(case)}"], 14, color=GREY)
    run = frame.paragraphs[0].add_run()
    run.text = f"  結果: {OUTCOME_LABELS[case.outcome]}"
    _font(run.font, 14, True, OUTCOME_COLORS[case.outcome])
    left_width = (WIDTH - 2 * margin - gap) * 0.55
    summary = case.summary.strip()
    _lines(
        _box(slide, margin, Inches(1.8), left_width, Inches(4.6)),
        [_clip(summary, 520)],
        _size_for(summary, ((200, 16), (320, 14), (450, 12), (10_000, 11))),
    )
    right = margin + left_width + gap
    right_width = WIDTH - right - margin
    frame = _box(slide, right, Inches(1.8), right_width, Inches(4.6))
    blocks: list[tuple[str, list[str]]] = []
    if case.metrics:
        blocks.append(("指標", [f"{m.label}: {m.value}" for m in case.metrics[:MAX_METRICS]]))
    if case.lessons:
        blocks.append(("教訓", [_clip(lesson, 110) for lesson in case.lessons[:MAX_LESSONS]]))
    if case.contact and case.contact.department:  # whom to ask for a visit: what a course is often for
        blocks.append(("問い合わせ", [case.contact.department]))
    first = True
    for heading, items in blocks:
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        run = paragraph.add_run()
        run.text = heading
        _font(run.font, 14, True, NAVY)
        for item in items:
            run = frame.add_paragraph().add_run()
            run.text = "・" + _clip(item, 120)
            _font(run.font, 12)
    sources = [f"出典: {s.url}" for s in case.sources[:2]] + [f"事例ページ: {collection.page(case)}", CREDIT]
    _lines(_box(slide, margin, Inches(6.5), WIDTH - 2 * margin, Inches(0.9)), sources, 9, color=GREY)


def _comparison_slides(deck: Deck, collection: Collection) -> None:
    headers = ("事例", "自治体", "人口", "開始年", "結果")
    cases = list(collection.cases)
    for start in range(0, len(cases), ROWS_PER_TABLE):
        chunk = cases[start : start + ROWS_PER_TABLE]
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        _lines(
            _box(slide, Inches(0.5), Inches(0.3), WIDTH - Inches(1), Inches(0.8)), ["比較"], 26, True, NAVY
        )
        shape = slide.shapes.add_table(len(chunk) + 1, len(headers), Inches(0.5), Inches(1.2), WIDTH - Inches(1), Inches(0.4) * (len(chunk) + 1))  # fmt: skip
        table = shape.table
        for col, width in enumerate((0.42, 0.24, 0.12, 0.1, 0.12)):
            table.columns[col].width = Emu(int((WIDTH - Inches(1)) * width))
        for col, text in enumerate(headers):
            cell = table.cell(0, col)
            cell.text = text
            _font(cell.text_frame.paragraphs[0].runs[0].font, 12, True)
        for r, case in enumerate(chunk, 1):
            values = (
                _clip(case.title, 60),
                "・".join(m.name for m in case.municipalities) or "匿名",
                people(case.population) if case.population else "不明",
                f"{case.year}年",
                OUTCOME_LABELS[case.outcome],
            )
            for col, text in enumerate(values):
                cell = table.cell(r, col)
                cell.text = text
                color = OUTCOME_COLORS[case.outcome] if col == 4 else None
                _font(cell.text_frame.paragraphs[0].runs[0].font, 11, col == 4, color)


def build_deck(collection: Collection) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = collection.title
    _title_slide(deck, collection)
    for number, case in enumerate(collection.cases, 1):
        _case_slide(deck, case, number, collection)
    if collection.cases:
        _comparison_slides(deck, collection)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
