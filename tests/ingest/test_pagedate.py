"""The page's own date: meta, <time>, labelled dates (掲載日・更新日), a dated top line, and the URL."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.ingest.extract import read_bytes
from kb.ingest.limits import LIMITS
from kb.ingest.pagedate import page_date, parse_date, url_date

from .conftest import LOCAL


@pytest.mark.parametrize(
    ("text", "date", "has_day"),
    [
        ("令和6年10月15日", dt.date(2024, 10, 15), True),
        ("2017.07.13", dt.date(2017, 7, 13), True),
        ("2024-10-03T09:00:00+09:00", dt.date(2024, 10, 3), True),
        ("平成26年10月", dt.date(2014, 10, 1), False),
        ("令和元年5月1日", dt.date(2019, 5, 1), True),
    ],
)
def test_parse_date_western_era_and_iso(text, date, has_day):
    assert parse_date(text) == (date, has_day)


def test_a_labelled_date_is_read_and_a_label_without_one_is_not():
    assert page_date("本文\n【掲載日】2017.07.13 【情報源】", "", None).date == dt.date(2017, 7, 13)
    assert page_date("更新日:(省略)\n本文です。", "お知らせ", None) is None


def test_published_beats_updated_and_the_url_comes_last():
    text = "最終更新日:2024年10月15日\n本文。\n掲載日:2024年9月1日"
    url = "https://example.jp/news/2019/03/20/x.html"
    assert page_date(text, "", url).date == dt.date(2024, 9, 1)
    assert page_date("本文。", "", url).where == "URLの日付"


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("http://m.izu-np.co.jp/atami/news/20180313iz2000000006000c.html", dt.date(2018, 3, 13)),
        ("https://www.ryoutan.co.jp/articles/2021/04/91544", dt.date(2021, 4, 1)),
        ("https://digital-gyosei.com/?p=20850", None),
    ],
)
def test_dates_in_urls(url, date):
    found = url_date(url)
    assert (found.date if found else None) == date


def test_html_meta_and_time_elements():
    meta = read_bytes(
        (LOCAL / "mitaka-madoguchi-koho.html").read_bytes(), "text/html", "m.html", None, limits=LIMITS
    )
    assert meta.published is not None and meta.published.date == dt.date(2025, 2, 16)
    assert "article:published_time" in meta.published.where
    news = read_bytes(
        (LOCAL / "hokkaido-line-news.html").read_bytes(), "text/html", "n.html", None, limits=LIMITS
    )
    assert news.published is not None and (news.published.date, news.published.where) == (
        dt.date(2025, 12, 1),
        "<time>",
    )


def test_a_text_file_dated_on_its_first_line():
    page = read_bytes(
        "資料5\n地図の公開方針(案)\n平成26年10月\n本文。".encode(), "text/plain", "t.txt", None, limits=LIMITS
    )
    assert page.published is not None and page.published.date == dt.date(2014, 10, 1)
    assert not page.published.has_day


def test_a_page_without_a_title_is_named_by_its_first_line_that_is_not_a_date():
    page = read_bytes(
        "更新日:2024年10月3日\n10月1日から窓口にレジを置きます。".encode(),
        "text/plain",
        "t.txt",
        None,
        limits=LIMITS,
    )
    assert page.title == "10月1日から窓口にレジを置きます。"
    assert page.published is not None and page.published.date == dt.date(2024, 10, 3)
