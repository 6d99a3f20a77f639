"""Pages in a real browser (headless chromium): 「事例を提案」 with live validation, the town page for a village, a
city and a designated city, a map dot opening its body's cases, and the print page of an export."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_suggest_a_case_with_live_validation(page, shoot):  # type: ignore[no-untyped-def]
    page.goto("/suggest")
    status = page.locator("[data-check-status]")
    expect(status).to_contain_text("件の問題")  # an empty form: the source URL, title ... are missing
    page.fill('input[name="source_url"]', "https://www.city.masuda.lg.jp/example")
    page.fill('input[name="source_title"]', "益田市の取組")
    page.fill('input[name="municipality"]', "島根県益田市")
    expect(page.locator("[data-yaml]")).to_have_value(re.compile("322041"))
    page.fill('input[name="title"]', "益田市 テストの取組")
    page.check('input[name="themes"][value="madoguchi"]')
    page.fill('input[name="year"]', "2024")
    page.fill(
        'textarea[name="summary"]', "益田市が窓口の手続きを見直した取組の概要を、自分の言葉で書いたものです。"
    )
    page.fill('input[name="id"]', "masuda-test-torikumi")
    expect(status).to_contain_text("問題はありません")
    yaml = page.locator("[data-yaml]").input_value()
    assert 'code: "322041"' in yaml and "level: city" in yaml and "region: chugoku" in yaml
    page.fill('input[name="year"]', "1800")
    expect(page.locator("[data-problems]")).to_contain_text("year")
    shoot(page, "suggest")


@pytest.mark.parametrize(
    ("code", "name"), [("014095", "village"), ("322041", "city"), ("221309", "designated")]
)
def test_town_page_shows_profile_chart_and_like_towns(page, shoot, code, name):  # type: ignore[no-untyped-def]
    page.goto(f"/towns/{code}")
    assert page.locator(".town .facts").inner_text().count("人口") >= 1
    assert "総務省" in page.locator(".credit").first.inner_text()
    assert page.locator(".town-chart circle.point.self").count() == 1
    assert page.locator(".similar-towns li").count() > 0
    assert page.locator(".like-them .brief").count() > 0
    shoot(page, f"town-{name}")


def test_a_map_dot_opens_its_bodys_cases(page):  # type: ignore[no-untyped-def]
    page.goto("/overview")
    link = page.locator(".dot-list a[href^='/?municipality=']").first
    if link.count() == 0:  # the fixture corpus has one case per body: dots open the case itself
        link = page.locator(".dot-list a").first
    href = link.get_attribute("href")
    page.locator(".dot-list summary").click()
    link.click()
    page.wait_for_url(re.compile(re.escape(href)))
    assert page.locator("[data-case-card], article.case").count() > 0
