"""Themes, figures, summary and year: the parts of understanding a text."""

from __future__ import annotations

import inspect

import pytest

from kb.ingest.figures import candidate_cost, candidate_metrics, find_figures, number_value
from kb.ingest.summary import draft_summary
from kb.ingest.theming import suggest_themes
from kb.ingest.understand import understand
from kb.ingest.when import Topic, initiative_year, title_terms
from kb.themes import load_themes

from .conftest import CORPUS


@pytest.fixture(scope="module")
def themes():
    return load_themes(CORPUS)


@pytest.mark.parametrize(
    ("text", "title", "theme"),
    [
        ("申請書を書かずに手続ができる書かない窓口を始めた。", "書かない窓口", "madoguchi"),
        ("世帯の位置を地図上の点として整備し、GISで共有する。", "住基ポイントとGIS", "gis"),
        (
            "県と市町がデジタル人材を共同で採用し、CIO補佐官として配属する。",
            "デジタル人材の共同採用",
            "jinzai",
        ),
        ("ごみの分別をAIが案内するチャットボットを試験運用した。", "ごみ分別支援AI", "ai-rpa"),
        ("避難所の状況を災害対策本部と共有する。", "災害時の情報共有", "bousai"),
    ],
)
def test_main_theme(themes, text, title, theme):
    assert suggest_themes(text, title, themes)[0] == theme


def test_source_themes_lead_and_unknown_ids_are_dropped(themes):
    chosen = suggest_themes("書かない窓口を始めた。", "窓口", themes, first=("jinzai", "no-such-theme"))
    assert chosen[0] == "jinzai" and "no-such-theme" not in chosen and "madoguchi" in chosen


def test_figures_skip_dates_and_read_compound_numbers():
    text = "令和6年11月6日14時30分に開催。約2万6千世帯の位置を整備し、記入時間は約10分短縮した。0人の世帯は閉じる。"
    values = [f.value for f in find_figures(text)]
    assert values == ["約2万6千世帯", "約10分"]
    assert number_value("2万6千") == 26000 and number_value("5,100") == 5100


def test_candidate_metrics_prefer_effects_and_note_the_sentence():
    figures = find_figures("職員は約350人である。窓口の待ち時間を30%短縮した。")
    metrics = candidate_metrics(figures)
    assert metrics[0].value == "30%" and "待ち時間" in metrics[0].label
    assert "要確認" in (metrics[0].note or "")


def test_candidate_cost_in_yen():
    initial, annual, note = candidate_cost(find_figures("導入費用は約5,100万円で、年間の保守費用は300万円。"))
    assert (initial, annual) == (51_000_000, 3_000_000) and note


def test_summary_takes_leading_prose_not_furniture():
    text = "更新日:(省略)\n取組の概要\n直方市では、平成26年度から住基ポイントを整備しています。\n窓口では受付番号だけを入力します。\nこのページに関するお問い合わせは情報部門へ。"
    summary = draft_summary(text, ("直方市",))
    assert summary.startswith("直方市では、平成26年度(2014年度)から")
    assert "更新日" not in summary and "お問い合わせ" not in summary


@pytest.mark.parametrize(
    ("text", "title", "year"),
    [
        (
            "2000年ごろ有志が地図化を始めた。平成22年にArcGISを導入した。平成26年度から住基ポイントの運用を始めた。",
            "住基ポイントデータの整備",
            2014,
        ),
        ("令和3年4月に研究会を設置し、令和5年度にDXShipひろしまを出航させた。", "DXShipひろしま", 2023),
        ("特に年の記載はない。", "タイトル", 2026),
        ("詳細は別紙。", "令和6年度施政方針", 2024),
    ],
)
def test_initiative_year(text, title, year):
    choice = initiative_year(text, title, Topic(title_terms(title)), None, fallback=2026, latest=2027)
    assert choice.year == year


def test_understand_reads_as_named_steps():
    """STYLE: functions under ~40 lines; the summary, source and body profile are steps of their own."""
    assert len(inspect.getsource(understand).splitlines()) <= 40
