"""Handout formats: Markdown in the collection's order, CSV that Excel opens with the Japanese intact."""

from __future__ import annotations

import csv
import io

from kb.case import Case
from web.handout import to_csv, to_markdown

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
        "summary": "概要です。",
        "lessons": ["教訓その1"],
        "metrics": [{"label": "待ち時間", "value": "半分"}],
        "sources": [{"url": "https://example.jp/a", "title": "出典A"}],
    }
    return Case.model_validate(data | changes)


def test_markdown_handout_in_order_with_lessons_and_sources():
    first, second = make_case(), make_case(id="second", title="二つ目の事例", outcome="success", lessons=[])
    text = to_markdown([first, second], LABELS)
    assert text.startswith("# ")
    assert text.index("## 1. テスト市") < text.index("## 2. 二つ目の事例")
    assert "結果: 失敗" in text and "- 教訓その1" in text and "[出典A](https://example.jp/a)" in text
    assert "人口: 4.4万人(2023年)" in text and "窓口DX" in text


def test_csv_has_bom_crlf_and_one_row_per_case():
    data = to_csv([make_case(), make_case(id="b")], LABELS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["ID", "事例", "自治体"] and len(rows) == 3
    assert rows[1][2] == "島根県益田市" and rows[1][9] == "失敗"
    assert data.count(b"\r\n") >= 3


def test_csv_defuses_formulas():
    rows = list(
        csv.reader(io.StringIO(to_csv([make_case(title="=HYPERLINK(1)")], LABELS).decode("utf-8-sig")))
    )
    assert rows[1][1] == "'=HYPERLINK(1)"
