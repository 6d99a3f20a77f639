"""Exports: every format of the table, read back — Markdown, CSV (BOM, CRLF, formulas defused), Excel rows,
PowerPoint slides and their text, JSON Lines records, the print page; and `kb export` on the command line."""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import pytest
from bs4 import BeautifulSoup
from pptx import Presentation

from kb.case import Case
from kb.export import FORMATS, Collection, export, md

LABELS = {"madoguchi": "窓口DX", "ai-rpa": "AI・RPA"}


def make_case(**changes: object) -> Case:
    data = {
        "id": "test-case",
        "title": "テスト市 書かない窓口",
        "municipalities": [{"name": "島根県益田市", "code": "322041"}],
        "level": "city",
        "population": 44000,
        "population_year": 2023,
        "region": "chugoku",
        "themes": ["madoguchi"],
        "year": 2023,
        "outcome": "failure",
        "status": "ended",
        "summary": "概要です。",
        "lessons": ["教訓その1"],
        "metrics": [{"label": "待ち時間", "value": "半分", "note": "2023年度"}],
        "cost": {"initial_yen": None, "annual_yen": None, "note": "費用は非公表と市が説明"},
        "vendors": ["ベンダーA"],
        "contact": {"department": "市民課", "url": "https://example.jp/contact"},
        "sources": [
            {"url": "https://example.jp/a", "title": "出典A", "publisher": "市"},
            {"url": "https://example.jp/b", "title": "出典B"},
        ],
    }
    return Case.model_validate(data | changes)


def collection(*cases: Case) -> Collection:
    cases = cases or (
        make_case(),
        make_case(id="second", title="二つ目の事例", outcome="success", lessons=[]),
    )
    return Collection(
        list(cases), LABELS, title="研修 第1回", notes="事前に読んでおく", base_url="http://kb.test"
    )


def test_every_format_renders_bytes_of_its_own():
    out = {name: export(collection(), name) for name in FORMATS}
    assert out["xlsx"][:2] == b"PK" and out["pptx"][:2] == b"PK"
    assert len(set(out.values())) == len(FORMATS)


def test_markdown_carries_every_field_in_order():
    text = export(collection(), "md").decode("utf-8")
    assert text.startswith("# 研修 第1回") and "事前に読んでおく" in text
    assert text.index("## 1. テスト市") < text.index("## 2. 二つ目の事例")
    assert "結果: **失敗**" in text and "- 教訓その1" in text
    assert "2023年開始・終了" in text  # an ended case does not read 「2023年〜」
    assert "待ち時間: 半分(2023年度)" in text and "費用は非公表と市が説明" in text
    assert "[出典A](<https://example.jp/a>) — 市" in text and "[出典B](<https://example.jp/b>)" in text
    assert "(<http://kb.test/cases/test-case>)" in text and "ベンダーA" in text
    assert "市民課(部署名の出典: https://example.jp/contact)" in text


def test_markdown_escapes_text_that_would_make_links_or_html():
    hostile = make_case(
        title="x](javascript:alert(1)) <img src=x onerror=alert(1)>", summary="# 見出し\n- リスト"
    )
    text = export(collection(hostile), "md").decode("utf-8")
    assert not re.search(r"(?<!\\)\]\(javascript:", text) and not re.search(r"(?<!\\)<img", text)
    assert "\\<img" in text and "\\# 見出し" in text
    assert md("a_b*c") == "a\\_b\\*c"


def test_csv_has_bom_crlf_all_sources_and_defused_formulas():
    cases = [make_case(title="=HYPERLINK(1)"), make_case(id="b", title="＝全角", summary="＋1")]
    data = export(collection(*cases), "csv")
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") >= 3
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["事例"] == "'=HYPERLINK(1)" and rows[2][header.index("事例")] == "'＝全角"
    assert rows[2][header.index("概要")] == "'＋1"
    assert "出典A" in first["出典"] and "https://example.jp/b" in first["出典"]
    assert first["費用の注記"] == "費用は非公表と市が説明" and first["指標"] == "待ち時間: 半分(2023年度)"
    assert first["事例ページ"] == "http://kb.test/cases/test-case" and first["状況"] == "終了"


def test_xlsx_has_one_row_per_case_and_a_sheet_per_main_theme():
    other = make_case(id="rpa", title="RPAの事例", themes=["ai-rpa"])
    book = openpyxl.load_workbook(io.BytesIO(export(collection(make_case(), other), "xlsx")))
    assert book.sheetnames == ["事例", "窓口DX", "AI・RPA"]
    rows = list(book["事例"].iter_rows(values_only=True))
    assert rows[0][:2] == ("ID", "事例") and [r[0] for r in rows[1:]] == ["test-case", "rpa"]
    assert [r[0] for r in list(book["AI・RPA"].iter_rows(values_only=True))[1:]] == ["rpa"]


def test_pptx_has_a_title_slide_one_per_case_and_a_comparison_in_a_japanese_font():
    deck = Presentation(io.BytesIO(export(collection(), "pptx")))
    slides = list(deck.slides)
    assert len(slides) == 1 + 2 + 1
    texts = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
    assert "研修 第1回" in texts[0] and "2 件の事例" in texts[0]
    assert "1. テスト市 書かない窓口" in texts[1] and "概要です。" in texts[1] and "教訓その1" in texts[1]
    assert "問い合わせ\n・市民課" in texts[1]
    assert (
        "島根県益田市・市・人口4.4万人(2023年)・中国地方" in texts[1] and "https://example.jp/a" in texts[1]
    )
    table = next(s for s in slides[3].shapes if s.has_table).table
    assert table.cell(1, 0).text.startswith("テスト市") and table.cell(1, 4).text == "失敗"
    fonts = {e.get("typeface") for e in slides[1].shapes._spTree.iter() if e.tag.endswith("}ea")}
    assert fonts == {"Meiryo"}


def test_many_cases_spread_the_comparison_over_slides():
    many = [make_case(id=f"c{i}", title=f"事例{i}") for i in range(23)]
    deck = Presentation(io.BytesIO(export(collection(*many), "pptx")))
    assert len(deck.slides) == 1 + 23 + 3


def test_jsonl_is_the_full_case_records():
    lines = export(collection(), "jsonl").decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["test-case", "second"]
    assert Case.model_validate({k: v for k, v in records[0].items() if k != "band"}) == make_case()


def test_html_print_page_stands_alone_and_escapes():
    page = export(collection(make_case(title="<b>太字</b>")), "html").decode("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("style") is not None and soup.select_one("b") is None
    assert "費用は非公表と市が説明" in soup.text and "出典B" in soup.text


@pytest.mark.parametrize("fmt", ["md", "csv", "jsonl"])
def test_cli_export_to_stdout(cli, fmt):  # type: ignore[no-untyped-def]
    result = cli("export", "uwajima-kakanai-madoguchi", "masuda-kakanai-madoguchi", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "uwajima" in result.stdout or "宇和島" in result.stdout


def test_cli_export_binary_needs_a_file(cli, tmp_path):  # type: ignore[no-untyped-def]
    assert cli("export", "uwajima-kakanai-madoguchi", "--format", "pptx").exit_code == 2
    target = tmp_path / "slides.pptx"
    result = cli("export", "uwajima-kakanai-madoguchi", "--format", "pptx", "--out", str(target))
    assert result.exit_code == 0 and len(Presentation(str(target)).slides) == 3
    assert cli("export", "no-such-case", "--format", "md").exit_code == 1
    assert cli("export", "--format", "md").exit_code == 2
