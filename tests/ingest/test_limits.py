"""The resource budget: one frozen record, each breach a Japanese line naming the limit and its value."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from kb.ingest.limits import LIMITS, LimitExceeded, LimitName, Limits


def test_the_budget_is_frozen_and_every_limit_has_a_name():
    with pytest.raises(dataclasses.FrozenInstanceError):
        LIMITS.max_html_depth = 10**9  # type: ignore[misc]
    assert {f.name for f in dataclasses.fields(Limits)} == set(typing.get_args(LimitName))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("download_deadline", "120 秒"),
        ("max_bytes", "30 MB"),
        ("max_redirects", "5 回"),
        ("max_retry_after", "60 秒"),
        ("max_crawl_delay", "60 秒"),
        ("max_html_depth", "1,000 段"),
        ("max_html_elements", "200,000 個"),
        ("max_pdf_pages", "500 ページ"),
        ("max_pdf_stream_bytes", "50 MB"),
    ],
)
def test_each_breach_names_its_limit(name, shown):
    error = LIMITS.exceeded(name, "多すぎます", "7 個")
    assert isinstance(error, LimitExceeded) and error.limit == name
    assert str(error) == f"多すぎます(7 個、上限 {shown})"
    assert str(LIMITS.exceeded(name, "多すぎます")) == f"多すぎます(上限 {shown})"


def test_a_changed_limit_is_reported_with_its_own_value():
    assert LIMITS.describe("download_deadline") == "120 秒"
    assert dataclasses.replace(LIMITS, download_deadline=0.5).describe("download_deadline") == "0.5 秒"
