"""Collections as documents, in a real browser: a shared link opens as a copy that changes nothing of yours until
you choose, remove and clear can be undone, reordering keeps focus (buttons and Alt+↑/↓) without a reload, named
collections can be made, renamed and deleted, and the title and notes travel into every export link."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # chromium: not in the fast run (-m "not slow")

MASUDA = "masuda-kakanai-madoguchi"
KAGOSHIMA = "kagoshima-shi-koshiki-app"
UWAJIMA = "uwajima-kakanai-madoguchi"
TOSHIMA = "toshima-tablet"
NERIMA = "nerima-line-hokatsu"
FORMATS = ("md", "csv", "xlsx", "pptx", "jsonl", "html")


def collect(page, *ids: str) -> None:  # type: ignore[no-untyped-def]
    """Add cases to the active collection the way a person does: 「コレクションに追加」 on each case page."""
    for case_id in ids:
        page.goto(f"/cases/{case_id}")
        page.click(f'.case [data-collect="{case_id}"]')


def open_collection(page) -> None:  # type: ignore[no-untyped-def]
    page.click("[data-collection-link]")
    page.wait_for_url(re.compile(r"/collection\?ids=.*&c="))


def shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("[data-item]").evaluate_all("items => items.map(li => li.dataset.item)")


def kept(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The ids of the active collection, as this browser keeps them."""
    return page.evaluate("kbStore.active().ids")


def focused_item(page) -> list[str | None]:  # type: ignore[no-untyped-def]
    """(the item that holds focus, the focused button's data-move) — focus must stay on the moved item."""
    return page.evaluate(
        "[document.activeElement.closest('[data-item]')?.dataset.item ?? null,"
        " document.activeElement.getAttribute('data-move')]"
    )


def test_a_shared_link_is_a_copy_until_you_choose(page):  # type: ignore[no-untyped-def]
    collect(page, MASUDA, KAGOSHIMA, UWAJIMA)
    mine = [MASUDA, KAGOSHIMA, UWAJIMA]
    page.goto(f"/collection?ids={TOSHIMA},{NERIMA}&title=同僚の資料")
    notice = page.locator("[data-shared-notice]")
    assert notice.is_visible() and "あなたのコレクションは変わりません" in notice.inner_text()
    assert shown(page) == [TOSHIMA, NERIMA]
    assert page.locator("[data-title]").input_value() == "同僚の資料"

    page.locator(f'[data-item="{TOSHIMA}"] [data-move="1"]').click()  # touching the copy ...
    page.wait_for_url(re.compile(rf"ids={NERIMA},{TOSHIMA}"))
    page.locator(f'[data-item="{NERIMA}"] [data-remove]').click()
    assert shown(page) == [TOSHIMA]
    assert kept(page) == mine  # ... leaves yours as it was (this is what went wrong: 6 cases became 2)
    assert page.locator("[data-collection-count]").inner_text() == "3"
    page.click("[data-toast-undo]")
    assert shown(page) == [NERIMA, TOSHIMA]

    page.click("[data-merge]")  # 「今のコレクションに追加」: appended to yours, and that too can be undone
    assert kept(page) == [*mine, NERIMA, TOSHIMA]
    assert page.locator("[data-collection-count]").inner_text() == "5"
    page.click("[data-toast-undo]")
    assert kept(page) == mine

    page.click(
        "[data-adopt]"
    )  # 「自分のコレクションとして保存」: a new collection, yours unchanged beside it
    assert not notice.is_visible()
    assert "c=" in page.url and page.evaluate("kbStore.active().title") == "同僚の資料"
    assert kept(page) == [NERIMA, TOSHIMA]
    collections = page.evaluate("kbStore.collections().map(c => [c.title, c.ids])")
    assert collections == [["マイコレクション", mine], ["同僚の資料", [NERIMA, TOSHIMA]]]
    tabs = page.locator("[data-tabs] a")
    assert tabs.count() == 2 and tabs.nth(1).get_attribute("aria-current") == "page"


def test_remove_and_clear_can_be_undone(page):  # type: ignore[no-untyped-def]
    collect(page, MASUDA, KAGOSHIMA, UWAJIMA)
    open_collection(page)
    page.evaluate("window.samePage = true")  # gone after a reload

    page.locator(f'[data-item="{KAGOSHIMA}"] [data-remove]').click()
    assert shown(page) == [MASUDA, UWAJIMA] and kept(page) == [MASUDA, UWAJIMA]
    assert "外しました" in page.locator("[data-toast]").inner_text()
    assert focused_item(page)[0] == UWAJIMA  # focus moves to the next item's 「外す」, not to the page top
    page.click("[data-toast-undo]")
    assert shown(page) == [MASUDA, KAGOSHIMA, UWAJIMA] and kept(page) == [MASUDA, KAGOSHIMA, UWAJIMA]

    page.click("[data-clear-collection]")
    assert shown(page) == [] and kept(page) == []
    assert page.locator("[data-collection-empty]").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-toast-undo')")  # undo is one key away
    page.keyboard.press("Enter")
    assert shown(page) == [MASUDA, KAGOSHIMA, UWAJIMA] and kept(page) == [MASUDA, KAGOSHIMA, UWAJIMA]

    page.locator(f'[data-item="{MASUDA}"] [data-remove]').click()
    page.keyboard.press("Control+z")  # the same undo from the keyboard
    assert kept(page) == [MASUDA, KAGOSHIMA, UWAJIMA]
    assert page.evaluate("window.samePage")
    assert page.url.endswith(f"ids={MASUDA},{KAGOSHIMA},{UWAJIMA}&c={page.evaluate('kbStore.active().id')}")


def test_reorder_by_keyboard_keeps_focus_on_the_item(page):  # type: ignore[no-untyped-def]
    collect(page, MASUDA, KAGOSHIMA, UWAJIMA)
    open_collection(page)
    page.evaluate("window.samePage = true")

    page.locator(f'[data-item="{MASUDA}"] [data-item-title]').focus()
    page.keyboard.press("Alt+ArrowDown")
    assert shown(page) == [KAGOSHIMA, MASUDA, UWAJIMA]
    assert focused_item(page)[0] == MASUDA  # the moved item keeps focus

    page.locator(f'[data-item="{MASUDA}"] [data-move="1"]').focus()
    page.keyboard.press("Enter")  # the ↓ button, from the keyboard
    assert shown(page) == [KAGOSHIMA, UWAJIMA, MASUDA]
    assert focused_item(page) == [MASUDA, "-1"]  # now last: its ↓ is disabled, so focus is on its ↑

    page.locator(f'[data-item="{KAGOSHIMA}"] [data-move="1"]').click()
    assert shown(page) == [UWAJIMA, KAGOSHIMA, MASUDA]
    assert focused_item(page) == [KAGOSHIMA, "1"]
    page.keyboard.press("Alt+ArrowUp")
    page.keyboard.press("Alt+ArrowUp")  # already first: stays
    assert shown(page) == [KAGOSHIMA, UWAJIMA, MASUDA]
    assert focused_item(page)[0] == KAGOSHIMA
    assert page.evaluate("window.samePage")  # no reload
    assert re.search(rf"ids={KAGOSHIMA},{UWAJIMA},{MASUDA}&c=", page.url)
    assert kept(page) == [KAGOSHIMA, UWAJIMA, MASUDA]

    page.goto("/collection")  # kept in the browser
    page.wait_for_url(re.compile(rf"ids={KAGOSHIMA},{UWAJIMA},{MASUDA}"))
    assert page.locator(f'[data-item="{KAGOSHIMA}"] [data-move="-1"]').is_disabled()


def test_title_and_notes_reach_every_export_link(page):  # type: ignore[no-untyped-def]
    collect(page, KAGOSHIMA, MASUDA)
    open_collection(page)
    page.fill("[data-title]", "窓口DX研修 & 事例")
    page.fill("[data-notes]", "第2回の配布資料。\n失敗事例から読む。")
    assert "保存しました" in page.locator("[data-saved]").inner_text()
    for fmt in (*FORMATS, "print"):
        href = page.locator(f'[data-export="{fmt}"]').get_attribute("href")
        query = parse_qs(urlsplit(href).query)
        assert query["ids"] == [f"{KAGOSHIMA},{MASUDA}"], fmt
        assert query["title"] == ["窓口DX研修 & 事例"] and query["notes"] == [
            "第2回の配布資料。\n失敗事例から読む。"
        ]
    with page.expect_download() as download:
        page.click('[data-export="md"]')
    markdown = download.value.path().read_text(encoding="utf-8")
    assert markdown.startswith("# 窓口DX研修 & 事例") and "失敗事例から読む。" in markdown

    page.reload()  # the title and notes are the collection's: kept with it
    assert page.locator("[data-title]").input_value() == "窓口DX研修 & 事例"
    assert page.locator("[data-tabs] a[aria-current]").inner_text().startswith("窓口DX研修 & 事例")
    page.click('[data-export="print"]')
    page.wait_for_url(re.compile(r"/collection/print\?.*title="))
    assert "窓口DX研修 & 事例" in page.locator("h1").inner_text()


def test_without_js_the_title_goes_into_the_links_by_the_form(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server, java_script_enabled=False, locale="ja-JP")
    tab = context.new_page()
    tab.goto(f"/collection?ids={KAGOSHIMA},{MASUDA}")
    assert tab.locator('[data-export="md"]').get_attribute("href") == (
        f"/collection/export.md?ids={KAGOSHIMA},{MASUDA}"
    )
    assert not tab.locator("[data-clear-collection]").is_visible()  # a button that needs JS is not offered
    tab.fill("[data-title]", "研修")
    tab.click("[data-meta-submit]")
    tab.wait_for_url(re.compile(r"title="))
    assert [li.get_attribute("data-item") for li in tab.locator("[data-item]").all()] == [KAGOSHIMA, MASUDA]
    href = tab.locator('[data-export="pptx"]').get_attribute("href")
    assert parse_qs(urlsplit(href).query)["title"] == ["研修"]
    context.close()


def test_named_collections_make_rename_switch_and_delete(page):  # type: ignore[no-untyped-def]
    collect(page, MASUDA)
    open_collection(page)
    page.fill("[data-title]", "研修A")
    page.click("[data-new-collection]")
    page.wait_for_url(re.compile(r"/collection\?c="))
    assert page.evaluate("document.activeElement.hasAttribute('data-title')")  # ready to be named
    assert page.locator("[data-title]").input_value() == "新しいコレクション"
    page.keyboard.type("研修B")
    assert page.locator("[data-collection-count]").inner_text() == "0"
    collect(page, KAGOSHIMA, UWAJIMA)  # 「コレクションに追加」 goes to the active one
    assert "「研修B」に追加しました" in page.locator("[data-toast]").inner_text()
    open_collection(page)
    assert shown(page) == [KAGOSHIMA, UWAJIMA]
    assert page.locator("[data-tabs] a").all_inner_texts() == ["研修A 1 件", "研修B 2 件"]

    page.click("[data-tabs] a >> text=研修A")  # switch
    page.wait_for_url(re.compile(rf"ids={MASUDA}&c="))
    assert page.locator("[data-title]").input_value() == "研修A"
    assert page.locator("[data-collection-count]").inner_text() == "1"

    page.click("[data-delete-collection]")
    assert "「研修A」(1 件)を削除しました" in page.locator("[data-deleted-notice]").inner_text()
    assert page.evaluate("kbStore.collections().map(c => c.title)") == ["研修B"]
    page.click("[data-toast-undo]")
    assert page.evaluate("kbStore.collections().map(c => c.title)") == ["研修A", "研修B"]
    assert shown(page) == [MASUDA] and page.locator("[data-meta]").is_visible()


def test_the_first_versions_list_is_kept_as_a_collection(page):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.evaluate(f"localStorage.setItem('kb.collection', JSON.stringify(['{MASUDA}', '{KAGOSHIMA}']))")
    page.goto("/collection")
    page.wait_for_url(re.compile(rf"ids={MASUDA},{KAGOSHIMA}&c="))
    assert page.locator("[data-title]").input_value() == "マイコレクション"
    assert page.evaluate("localStorage.getItem('kb.collection')") is None
