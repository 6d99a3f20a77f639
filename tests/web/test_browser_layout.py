"""The search page on a phone (results first, the facets in a drawer) and from the keyboard (skip links, focus on
the results after a filter), the small rendering fixes (pager 「…」, year boxes that wait for Enter, a compare page
that prints without its controls), and screenshots at 1280 px and 375 px for a person to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # chromium: not in the fast run (-m "not slow")

ARTIFACTS = Path(__file__).parents[1] / "artifacts"  # where the `shoot` fixture puts its pictures
PHONE = {"width": 375, "height": 667}
MASUDA = "masuda-kakanai-madoguchi"
KAGOSHIMA = "kagoshima-shi-koshiki-app"
UWAJIMA = "uwajima-kakanai-madoguchi"


def active(page) -> str:  # type: ignore[no-untyped-def]
    """What has focus, told apart by its data attribute, id or text."""
    return page.evaluate(
        """(() => { const el = document.activeElement;
        if (el.hasAttribute('data-result-summary')) return 'summary';
        return el.id || el.getAttribute('data-drawer-close') !== null && 'drawer-close' || el.textContent.trim(); })()"""
    )


def top(page, selector: str) -> float:  # type: ignore[no-untyped-def]
    """An element's top edge relative to the viewport (as a person sees it, after any scrolling)."""
    return float(page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top"))


def test_phone_results_come_first_and_the_facets_are_a_drawer(page):  # type: ignore[no-untyped-def]
    page.set_viewport_size(PHONE)
    page.goto("/")
    assert 0 < top(page, "[data-case-card]") < PHONE["height"]  # the first result is above the fold
    drawer = page.locator("[data-facets]")
    assert not drawer.is_visible()  # the 45 checkboxes no longer come first
    opener = page.locator("[data-drawer-open]")
    assert opener.is_visible() and opener.get_attribute("aria-expanded") == "false"

    opener.click()
    assert drawer.is_visible() and opener.get_attribute("aria-expanded") == "true"
    assert active(page) == "drawer-close"  # focus moves into the drawer
    unstated = drawer.locator('.facet-option.unstated:has(input[name="region"])')
    assert unstated.is_visible() and unstated.inner_text().startswith("不明を含む")
    assert "記載なし" in unstated.inner_text()
    assert page.locator(".results").evaluate("el => el.inert")  # behind the drawer: out of reach

    drawer.locator('input[name="region"][value="kanto"]').check()  # a tick recounts, no reload
    apply = drawer.locator("[data-facet-submit]")
    expect(apply).to_contain_text("件を表示")
    assert "/?" not in page.url
    count = int(re.search(r"(\d+) 件を表示", apply.inner_text()).group(1))  # type: ignore[union-attr]
    apply.click()
    page.wait_for_url(re.compile(r"region=kanto"))
    assert page.locator("[data-case-card]").count() == count
    assert active(page) == "summary"  # landed on the results
    assert 0 <= top(page, "[data-case-card]") < PHONE["height"]
    assert page.locator(".chips").inner_text().count("関東") == 1

    opener.click()
    page.keyboard.press("Escape")  # nothing changed: closes, focus back on the button
    expect(drawer).to_be_hidden()
    assert active(page).startswith("絞り込み")


def test_phone_closing_the_drawer_applies_a_changed_choice(page):  # type: ignore[no-untyped-def]
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.click("[data-drawer-open]")
    page.locator('[data-facets] input[name="outcome"][value="failure"]').check()
    page.click("[data-drawer-close]")
    page.wait_for_url(re.compile(r"outcome=failure"))
    assert all(
        "outcome-failure" in c
        for c in page.locator("[data-case-card]").evaluate_all("e => e.map(x => x.className)")
    )


def test_skip_link_is_the_first_tab_stop(page):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.keyboard.press("Tab")
    assert active(page) == "本文へ移動"
    page.keyboard.press("Tab")
    assert active(page) == "検索結果へ移動"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is the first result, not 45 checkboxes later
    assert page.locator("[data-case-card] h3 a").first.evaluate("el => el === document.activeElement")

    page.goto(f"/cases/{MASUDA}")
    page.keyboard.press("Tab")
    assert active(page) == "本文へ移動"
    page.keyboard.press("Enter")
    assert active(page) == "main"


def test_focus_lands_on_the_results_after_a_filter_or_a_search(page):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.click('.facet input[name="region"][value="chugoku"]')
    page.wait_for_url(re.compile(r"region=chugoku"))
    assert active(page) == "summary"
    page.fill("#q", "窓口")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=%E7%AA%93"))
    assert active(page) == "summary"
    page.click(".chips a >> text=地方: 中国")  # removing a filter is a filter change too
    page.wait_for_url(lambda url: "region" not in url)
    assert active(page) == "summary"


def test_year_boxes_wait_for_enter_or_their_button(page):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill('input[name="year_min"]', "2020")
    page.press('input[name="year_min"]', "Tab")  # leaving the first box does not submit
    page.wait_for_timeout(300)
    assert page.url.endswith("/")
    page.fill('input[name="year_max"]', "2023")
    page.press('input[name="year_max"]', "Enter")
    page.wait_for_url(re.compile(r"year_min=2020&year_max=2023"))
    years = page.locator("[data-case-card] .meta span").all_inner_texts()
    assert all(2020 <= int(t[:4]) <= 2023 for t in years if t.endswith("年〜"))
    page.fill('input[name="year_min"]', "2022")
    page.click("[data-year-submit]")
    page.wait_for_url(re.compile(r"year_min=2022"))


def test_pager_shows_a_gap_between_pages_it_skips(page):  # type: ignore[no-untyped-def]
    page.goto("/?limit=1&offset=6")
    items = page.locator(".pager > *").all_inner_texts()
    assert items == ["← 前へ", "1", "…", "4", "5", "6", "7", "8", "9", "10", "…", "13", "次へ →"]


def test_compare_prints_without_its_controls(page, shoot):  # type: ignore[no-untyped-def]
    for case_id in (MASUDA, KAGOSHIMA):
        page.goto(f"/cases/{case_id}")
        page.check(f'.case [data-compare="{case_id}"]')
    page.goto(f"/compare?ids={MASUDA},{KAGOSHIMA}")
    assert page.locator("[data-print]").is_visible() and page.locator('a[href*="export.pptx"]').is_visible()
    page.emulate_media(media="print")
    for selector in ("[data-print]", "[data-compare-remove]", "header.site nav", ".skip-links a", "a.button"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("table.compare").is_visible()
    shoot(page, "compare-print")
    page.emulate_media(media="screen")


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_search_collection_and_compare(page, shoot, width):  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 667})
    page.goto("/?q=書かない窓口")
    shoot(page, f"search-{width}")
    if width < 400:
        page.click("[data-drawer-open]")
        page.wait_for_timeout(300)  # the drawer slides in
        page.screenshot(
            path=str(ARTIFACTS / f"search-drawer-{width}.png")
        )  # the viewport: the drawer is fixed
        page.keyboard.press("Escape")
    for case_id in (MASUDA, KAGOSHIMA, UWAJIMA):
        page.goto(f"/cases/{case_id}")
        page.click(f'.case [data-collect="{case_id}"]')
        page.check(f'.case [data-compare="{case_id}"]')
    page.click("[data-collection-link]")
    page.wait_for_url(re.compile(r"/collection\?ids="))
    page.fill("[data-title]", "窓口DX研修")
    page.locator(f'[data-item="{KAGOSHIMA}"] [data-remove]').click()  # the undo message is in the picture
    shoot(page, f"collection-{width}")
    page.goto(f"/collection?ids={UWAJIMA},{MASUDA}&title=同僚の資料")
    shoot(page, f"collection-shared-{width}")
    page.goto(f"/compare?ids={MASUDA},{KAGOSHIMA},{UWAJIMA}")
    shoot(page, f"compare-{width}")
