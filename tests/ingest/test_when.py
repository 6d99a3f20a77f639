"""Relative dates against the page's date, and which sentence dates the initiative."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.ingest.pagedate import PageDate
from kb.ingest.when import Topic, announces, dated_mentions, initiative_year, title_terms

FEB_2025 = PageDate(dt.date(2025, 2, 16), "掲載日")
DEC_2025 = PageDate(dt.date(2025, 12, 1), "<time>")


@pytest.mark.parametrize(
    ("sentence", "date", "year", "month"),
    [
        ("1月からは、書かない窓口を始めています。", FEB_2025, 2025, 1),
        ("11月に窓口を開設した。", FEB_2025, 2024, 11),  # reported: the last November before the page
        ("7月1日から配信を始める。", FEB_2025, 2025, 7),  # announced: the next July
        ("昨年、市税総合窓口を開設しました。", FEB_2025, 2024, None),
        ("来年2月に本格運用を始める予定です。", DEC_2025, 2026, 2),
        ("昨年12月に試行した。", FEB_2025, 2024, 12),
        ("今年度は3課で試行する。", FEB_2025, 2024, None),  # February 2025 is in fiscal 2024
        ("今年度から始めた。", DEC_2025, 2025, None),
        ("市とLINEは19日、協定を結んだ。", FEB_2025, 2025, 2),
    ],
)
def test_relative_dates_are_read_against_the_pages_date(sentence, date, year, month):
    (mention,) = dated_mentions(sentence, date)
    assert (mention.year, mention.month) == (year, month) and mention.relative


def test_absolute_dates_keep_their_month_and_are_not_read_twice():
    mentions = dated_mentions("2024年10月28日から2025年1月31日まで運行する。", DEC_2025)
    assert [(m.year, m.month, m.relative) for m in mentions] == [(2024, 10, None), (2025, 1, None)]


def test_without_the_pages_date_relative_dates_are_left_alone():
    assert dated_mentions("1月に開設した。昨年から試行している。") == []


def test_months_in_durations_and_amounts_are_no_dates():
    assert dated_mentions("3カ月で116時間を削減し、月額1万800円を払う。7月号に掲載。", FEB_2025) == []


NAGAOKA = (
    "長岡市では、2016年に就任した市長が改革を掲げ、市はRPAの導入を進めてきた。"
    "市は2018年度、9課でRPAのトライアルを始めた。"
)


def test_the_mayors_inauguration_does_not_date_the_trial():
    topic = Topic(title_terms("長岡市のRPAトライアル"), ("長岡市", "新潟県長岡市"))
    choice = initiative_year(NAGAOKA, "長岡市のRPAトライアル", topic, None, fallback=2026, latest=2027)
    assert choice.year == 2018 and "トライアル" in (choice.sentence or "")


def test_a_year_another_body_governs_does_not_date_the_lead_bodys_initiative():
    text = "北見市は平成28年度から書かない窓口を運用している。士幌町では、昨年9月に町の公式LINEを開設した。"
    topic = Topic(title_terms("士幌町の町公式LINE"), ("士幌町",), ("北見市", "北海道北見市"))
    date = PageDate(dt.date(2023, 5, 1), "掲載日")
    choice = initiative_year(text, "士幌町の町公式LINE", topic, date, fallback=2026, latest=2027)
    assert choice.year == 2022 and "昨年9月" in choice.basis and "掲載日 2023-05-01" in choice.basis


def test_a_tie_goes_to_the_year_nearest_the_pages_date():
    text = "市は昨年、市税総合窓口を開設した。1月からは書かない窓口を始めた。"
    choice = initiative_year(text, "窓口が便利に", Topic(("窓口",)), FEB_2025, fallback=2026, latest=2027)
    assert (choice.year, choice.month) == (2025, 1)


def test_history_counts_against_a_year():
    text = (
        "市は2007年から16年にわたりデマンド交通を運行している。2022年11月からAIオンデマンド交通を導入した。"
    )
    choice = initiative_year(text, "", Topic(), None, fallback=2026, latest=2027)
    assert choice.year == 2022


def test_no_year_about_the_initiative_falls_back_to_the_pages_date():
    choice = initiative_year(
        "平成17年度に方針を定めた。",
        "地図情報の公開方針",
        Topic(),
        PageDate(dt.date(2014, 10, 1), "冒頭の日付", False),
        2026,
        2027,
    )
    assert choice.year == 2014 and choice.sentence is None and "ページの日付" in choice.basis


def test_a_full_date_in_the_title_is_the_pages_date_not_the_initiatives():
    choice = initiative_year(
        "1月からは書かない窓口を始めた。", "広報2025年2月16日号", Topic(), FEB_2025, 2026, 2027
    )
    assert choice.sentence is not None and choice.year == 2025
    assert initiative_year("本文。", "令和6年度施政方針", Topic(), None, 2026, 2027).basis.startswith(
        "タイトル"
    )


@pytest.mark.parametrize(
    ("sentence", "announced"),
    [
        ("7月1日から配信を始める。", True),
        ("電子契約サービスを令和6年10月15日から導入いたします。", True),
        ("来年度に実証実験を実施する構想。", True),
        ("平成12年度から検討を開始し、平成14年度に公開し、その後順次拡大していった。", False),
        ("1月からは書かない窓口を始めています。", False),
        ("2022年9月に公式LINEを開設した。", False),
    ],
)
def test_a_sentence_announces_by_its_predicate_not_by_a_word_inside(sentence, announced):
    assert announces(sentence) is announced


def test_a_date_line_dates_the_page_not_the_initiative():
    text = "更新日:2024年10月3日\n10月1日から窓口にセミセルフレジを設置します。"
    date = PageDate(dt.date(2024, 10, 3), "更新日")
    choice = initiative_year(text, "", Topic(), date, fallback=2026, latest=2027)
    assert choice.year == 2024 and "セミセルフレジ" in (choice.sentence or "") and choice.start == "設置"


def test_the_verb_that_dates_is_the_sentences_last():
    text = "同市は2020年9月に実証事業の枠組みで第1号の電子契約を締結した。"
    choice = initiative_year(text, "", Topic(), None, fallback=2026, latest=2027)
    assert choice.start == "締結"
