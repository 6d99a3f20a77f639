"""The UI in a real browser (headless Debian chromium through Playwright): search, filter, 「うちと似た町」,
open a case, collect, reorder, export, compare, and the overview and API docs. Console errors and CSP
violations fail a test (see the `page` fixture). Screenshots of the main pages go to tests/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # chromium: not in the fast run (-m "not slow")

MASUDA = "masuda-kakanai-madoguchi"
KAGOSHIMA = "kagoshima-shi-koshiki-app"


def test_search_filter_and_open_a_case(page, shoot):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill("#q", "書かない窓口")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=%E6%9B%B8"))
    assert "like=" not in page.url  # empty fields stay out of the shared URL
    assert page.locator("[data-case-card] mark").count() > 0
    shoot(page, "search")

    before = page.locator("[data-case-card]").count()
    page.check('.facet input[name="region"][value="chugoku"]')  # applies at once, no button
    page.wait_for_url(re.compile(r"region=chugoku"))
    after = page.locator("[data-case-card]").count()
    assert 0 < after < before
    assert page.locator(".chips").inner_text().count("中国") == 1
    assert page.locator('.facet input[value="chugoku"]').is_checked()

    page.locator("[data-case-card] h3 a").first.click()
    page.wait_for_url(re.compile(r"/cases/"))
    assert page.locator(".sources a").count() > 0
    assert page.locator(".similar [data-case-card]").count() > 0


def test_towns_like_mine_completes_and_reranks(page, shoot):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill("#q", "窓口")
    page.locator("#like").press_sequentially("ますだ", delay=30)
    option = page.locator('#like-options option[value="島根県益田市"]')
    option.wait_for(state="attached")
    assert "市" in (option.get_attribute("label") or "")
    page.fill("#like", "島根県益田市")
    page.press("#like", "Enter")
    page.wait_for_url(re.compile(r"like="))
    assert "島根県益田市" in page.locator(".like-banner").inner_text()
    assert page.locator(".like-reason").count() > 0
    shoot(page, "search-like")


def test_collect_reorder_and_export(page, shoot, tmp_path: Path):  # type: ignore[no-untyped-def]
    page.goto(f"/cases/{MASUDA}")
    page.click(f'.case [data-collect="{MASUDA}"]')
    assert page.locator("[data-collection-count]").inner_text() == "1"
    assert "追加済み" in page.locator(f'.case [data-collect="{MASUDA}"]').inner_text()
    shoot(page, "case")
    page.goto(f"/cases/{KAGOSHIMA}")
    page.click(f'.case [data-collect="{KAGOSHIMA}"]')
    assert page.locator("[data-collection-count]").inner_text() == "2"

    page.click("[data-collection-link]")
    page.wait_for_url(re.compile(r"/collection\?ids="))
    items = page.locator("[data-item]")
    assert [items.nth(i).get_attribute("data-item") for i in range(2)] == [MASUDA, KAGOSHIMA]
    page.locator(f'[data-item="{KAGOSHIMA}"] [data-move="-1"]').click()  # move the failure case up
    page.wait_for_url(re.compile(rf"ids={KAGOSHIMA},{MASUDA}"))
    page.goto("/collection")  # the reordered list was kept in the browser
    page.wait_for_url(re.compile(rf"ids={KAGOSHIMA},{MASUDA}"))
    shoot(page, "collection")

    with page.expect_download() as download:
        page.click('[data-export="md"]')
    markdown = download.value.path().read_text(encoding="utf-8")
    assert markdown.index("## 1. 鹿児島市") < markdown.index("## 2. 益田市")
    with page.expect_download() as download:
        page.click('[data-export="csv"]')
    assert download.value.path().read_bytes().startswith(b"\xef\xbb\xbf")

    page.click('[data-export="print"]')
    page.wait_for_url(re.compile(r"/collection/print"))
    assert page.locator(".handout-case").count() == 2
    page.emulate_media(media="print")
    assert not page.locator(".screen-only").is_visible()  # the print button is not printed
    page.emulate_media(media="screen")
    shoot(page, "print")
    page.pdf(path=str(tmp_path / "handout.pdf"))  # the print engine lays it out without error


def test_pick_cases_and_compare(page, shoot):  # type: ignore[no-untyped-def]
    page.goto("/?limit=100")
    for case_id in (MASUDA, KAGOSHIMA, "uwajima-kakanai-madoguchi"):
        page.check(f'[data-compare="{case_id}"]')
    assert "3 件" in page.locator("[data-compare-summary]").inner_text()
    page.click("[data-compare-go]")
    page.wait_for_url(re.compile(r"/compare\?ids="))
    assert page.locator("table.compare thead th").count() == 4
    shoot(page, "compare")
    page.locator(f'[data-compare-remove="{MASUDA}"]').click()
    page.wait_for_url(re.compile(r"/compare\?ids="))
    assert page.locator("table.compare thead th").count() == 3
    assert page.locator("[data-compare-count]").inner_text() == "2"


def test_overview_map_and_api_docs(page, shoot):  # type: ignore[no-untyped-def]
    page.goto("/overview")
    assert page.locator(".japan-map .prefectures path").count() == 47
    box = page.locator(".japan-map").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    shoot(page, "overview")
    page.goto("/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() >= 8
    shoot(page, "docs")
