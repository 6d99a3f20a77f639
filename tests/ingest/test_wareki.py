import pytest

from kb.ingest.wareki import annotate, era_year, to_seireki, year_mentions


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("令和5年", 2023),
        ("令和元年度", 2019),
        ("令和５年度", 2023),  # full-width digits
        ("令和 ５ 年", 2023),
        ("令和五年", 2023),
        ("平成28年", 2016),
        ("平成元年", 1989),
        ("平成三十一年", 2019),
        ("昭和64年", 1989),
        ("昭和元年", 1926),
        ("R5年度", 2023),
        ("H28.4.1", 2016),
        ("２０２４年", 2024),
        ("2014年度", 2014),
    ],
)
def test_to_seireki(text, year):
    assert to_seireki(text) == year


def test_era_year_kanji_numbers():
    assert era_year("平成", "二十八") == 2016
    assert era_year("令和", "十") == 2028


def test_year_mentions_in_order_with_fiscal_flag():
    found = year_mentions("平成26年度から運用し、2010年に導入、令和元年に拡大")
    assert [(y.year, y.fiscal) for y in found] == [(2014, True), (2010, False), (2019, False)]


def test_no_year_in_plain_numbers_or_dates_without_year():
    assert year_mentions("約2000人が11月6日に参加") == []


def test_annotate_adds_western_year_once():
    assert annotate("平成26年度から") == "平成26年度(2014年度)から"
    assert annotate("令和6年(2024年)") == "令和6年(2024年)"
