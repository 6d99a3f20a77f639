"""The HTML pages, without a browser: what they show, that their state lives in the URL, and safety."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

MASUDA = "masuda-kakanai-madoguchi"
KAGOSHIMA = "kagoshima-shi-koshiki-app"  # a failure
PAGES = [
    "/",
    "/?q=書かない窓口&region=chugoku",
    f"/cases/{MASUDA}",
    f"/compare?ids={MASUDA},{KAGOSHIMA}",
    f"/collection?ids={MASUDA},{KAGOSHIMA}",
    f"/collection/print?ids={MASUDA}",
    "/overview",
    "/docs",
    "/cases/no-such-case",
]


def soup(client, url: str) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(client.get(url).text, "html.parser")


def cards(page: BeautifulSoup) -> list[str]:
    return [card["data-case-card"] for card in page.select("[data-case-card]")]


def test_search_page_shows_cards_with_highlighted_snippets(client):  # type: ignore[no-untyped-def]
    page = soup(client, "/?q=書かない窓口")
    first = page.select_one("[data-case-card]")
    assert first is not None and first.select_one("mark") is not None
    assert first.select_one(".meta .who").text.strip()
    assert first.select(".themes li")


def test_failures_are_marked_never_hidden(client, search_index):  # type: ignore[no-untyped-def]
    failures = {c.id for c in search_index.corpus.cases if c.outcome.value == "failure"}
    page = soup(client, "/?limit=100")
    assert failures <= set(cards(page))
    for card in page.select("[data-case-card]"):
        if card["data-case-card"] in failures:
            assert "outcome-failure" in card["class"]
            assert "失敗" in card.select_one(".badge").text


def test_facets_count_like_the_filters_combine(client):  # type: ignore[no-untyped-def]
    """A value's count = the results ticking it would add: other kinds' filters apply, its own kind's do not."""

    def counts(url: str) -> dict[tuple[str, str], int]:
        page = soup(client, url)
        return {
            (box["name"], box["value"]): int(label.select_one(".facet-count").text)
            for label in page.select(".facet-option")
            for box in [label.select_one("input")]
        }

    def total(url: str) -> int:
        return len(cards(soup(client, url + "&limit=100")))

    ticked = counts("/?region=kanto")
    assert ticked[("region", "chugoku")] == total("/?region=chugoku")  # own kind: not narrowed by kanto
    assert ticked[("outcome", "failure")] == total("/?region=kanto&outcome=failure")  # other kind: narrowed


def test_url_holds_the_whole_state(client):  # type: ignore[no-untyped-def]
    page = soup(client, "/?q=窓口&region=chugoku&outcome=unknown&like=島根県益田市&limit=1")
    assert page.select_one("#q")["value"] == "窓口"
    assert page.select_one("#like")["value"] == "島根県益田市"
    checked = {(b["name"], b["value"]) for b in page.select(".facet input[checked]")}
    assert checked == {("region", "chugoku"), ("outcome", "unknown")}
    json_link = page.select_one("[data-json-link]")["href"]
    assert json_link.startswith("/api/search?") and "region=chugoku" in json_link and "like=" in json_link
    chips = [a.text for a in page.select(".chips a")]
    assert any("中国" in c for c in chips)


def test_paging_links_move_the_offset(client):  # type: ignore[no-untyped-def]
    page = soup(client, "/?limit=5")
    next_link = page.select_one(".pager a[rel=next]")["href"]
    assert "offset=5" in next_link and "limit=5" in next_link
    second = soup(client, next_link)
    assert not set(cards(second)) & set(cards(page))


def test_like_says_why_on_each_result(client):  # type: ignore[no-untyped-def]
    page = soup(client, "/?q=窓口&like=島根県益田市")
    assert "島根県益田市" in page.select_one(".like-banner").text
    cards_ = page.select("[data-case-card]")
    # every card says why it ranks where it does, or that nothing is alike
    assert cards_ and all(card.select_one(".like-reason") for card in cards_)
    assert any("none" not in card.select_one(".like-reason")["class"] for card in cards_)


def test_bad_like_is_shown_beside_the_field(client):  # type: ignore[no-untyped-def]
    response = client.get("/", params={"like": "府中市"})
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    assert "府中市" in page.select_one("#like-error").text
    assert page.select_one("#q") is not None  # the form stays usable


def test_unknown_theme_is_explained_above_the_results(client):  # type: ignore[no-untyped-def]
    response = client.get("/", params={"theme": "no-such-theme"})
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    assert "no-such-theme" in page.select_one(".results .error").text
    assert page.select_one("#like-error") is None


def test_case_page_shows_every_field(client, search_index):  # type: ignore[no-untyped-def]
    case = search_index.corpus.get(KAGOSHIMA)
    page = soup(client, f"/cases/{KAGOSHIMA}")
    text = page.get_text()
    assert case.title in page.h1.text and "失敗" in page.select_one(".badge").text
    for fact in (case.municipalities[0].code, case.lessons[0], case.metrics[0].label, case.metrics[0].value):
        assert fact in text
    links = {a["href"] for a in page.select(".sources a")}
    assert {s.url for s in case.sources} <= links
    similar = [c["data-case-card"] for c in page.select(".similar [data-case-card]")]
    assert similar and KAGOSHIMA not in similar


def test_compare_puts_cases_side_by_side(client):  # type: ignore[no-untyped-def]
    page = soup(client, f"/compare?ids={MASUDA},{KAGOSHIMA}")
    assert len(page.select("table.compare thead th")) == 3
    rows = [th.text for th in page.select("table.compare tbody th")]
    for row in ("区分・人口", "テーマ", "開始年・状況", "結果", "指標", "費用", "教訓", "問い合わせ"):
        assert row in rows
    with_contact = soup(client, f"/compare?ids=moka-gov-cloud,{KAGOSHIMA}")
    row = next(th.parent for th in with_contact.select("table.compare tbody th") if th.text == "問い合わせ")
    cells = [td.text for td in row.select("td")]
    assert cells[0].startswith("総務部デジタル戦略課(部署名の出典: tkc.jp") and cells[1] == "—"
    assert client.get(f"/compare?ids={MASUDA}").status_code == 422
    assert client.get("/compare").status_code == 200  # explains how to pick


def test_collection_page_lists_in_order_and_links_exports(client):  # type: ignore[no-untyped-def]
    page = soup(client, f"/collection?ids={KAGOSHIMA},{MASUDA},gone-case")
    assert [li["data-item"] for li in page.select("[data-item]")] == [KAGOSHIMA, MASUDA]
    assert (
        "gone-case" in page.select_one(".notice").text
    )  # a withdrawn case is dropped with a word, not a 404
    exports = {a["data-export"]: a["href"] for a in page.select("[data-export]")}
    for fmt in ("md", "csv", "xlsx", "pptx", "jsonl", "html"):
        assert exports[fmt] == f"/collection/export.{fmt}?ids={KAGOSHIMA},{MASUDA}"
    assert exports["print"] == f"/collection/print?ids={KAGOSHIMA},{MASUDA}"


def test_exports_markdown_csv_and_print(client, search_index):  # type: ignore[no-untyped-def]
    md = client.get(f"/collection/export.md?ids={KAGOSHIMA},{MASUDA}&title=研修")
    assert md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"]
    assert md.text.index(search_index.corpus.get(KAGOSHIMA).title) < md.text.index("益田")
    assert md.text.startswith("# 研修")
    assert (
        client.get(f"/collection/handout.md?ids={MASUDA}").status_code == 200
    )  # the first address still works
    csv = client.get(f"/collection/export.csv?ids={MASUDA}").content
    assert csv.startswith(b"\xef\xbb\xbf") and b"\r\n" in csv  # BOM + CRLF: Excel keeps the Japanese
    assert "島根県益田市" in csv.decode("utf-8-sig")
    printed = soup(client, f"/collection/print?ids={MASUDA},{KAGOSHIMA}")
    headings = [h.text for h in printed.select(".handout-case h2")]
    assert headings[0].startswith("1. ") and headings[1].startswith("2. 鹿児島市")
    assert client.get("/collection/export.md").status_code == 422
    assert client.get("/collection/export.csv?ids=nope").status_code == 404
    assert client.get(f"/collection/export.doc?ids={MASUDA}").status_code == 422


def test_overview_has_charts_and_a_map(client, search_index):  # type: ignore[no-untyped-def]
    page = soup(client, "/overview")
    assert len(page.select(".japan-map .prefectures path")) == 47
    named = {c.lead.code for c in search_index.corpus.cases if c.lead}
    assert len(page.select(".japan-map circle.dot")) == len(named)
    captions = [f.text for f in page.select(".chart figcaption")]
    assert captions[0] == "人口規模ごとの自治体と、事例のある自治体"
    assert captions[1:4] == ["テーマ", "地方", "団体区分"] and "結果" in captions
    assert page.select_one('.coverage a[href="/?band=lt10k"]') is not None
    assert page.select_one('.chart a[href="/?outcome=failure"]') is not None


@pytest.mark.parametrize("url", PAGES)
def test_pages_carry_a_strict_csp_and_no_inline_code(client, url):  # type: ignore[no-untyped-def]
    response = client.get(url)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    page = BeautifulSoup(response.text, "html.parser")
    assert all(s.get("src") for s in page.find_all("script")), "inline <script>"
    assert not page.find_all("style") and not page.select("[style]"), "inline style"
    assert not [t for t in page.find_all(True) if any(a.startswith("on") for a in t.attrs)], "inline handler"
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in page.find_all(tag):
            assert not element.get(attr, "/").startswith(("http:", "https:", "//")), "resource from outside"


def test_user_input_is_escaped(client):  # type: ignore[no-untyped-def]
    attack = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    html = client.get("/", params={"q": attack}).text
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    missing = client.get("/cases/<b>bold</b>").text
    assert "<b>bold</b>" not in missing


def test_html_errors_are_pages_with_the_status(client):  # type: ignore[no-untyped-def]
    response = client.get("/?limit=abc")
    assert response.status_code == 422 and "表示件数" in response.text and "limit" not in response.text
    assert response.headers["content-type"].startswith("text/html")
    assert client.get("/no-such-page").status_code == 404


def test_search_form_without_js_with_empty_year_boxes(client):  # type: ignore[no-untyped-def]
    response = client.get("/", params={"q": "窓口", "year_min": "", "year_max": ""})
    assert response.status_code == 200
    assert cards(BeautifulSoup(response.text, "html.parser")) == cards(soup(client, "/?q=窓口"))


def test_a_wrong_method_is_a_japanese_page(client):  # type: ignore[no-untyped-def]
    response = client.post("/")
    assert response.status_code == 405
    assert "この方法では使えません" in response.text and "このURLは POST では使えません" in response.text
    assert "Method Not Allowed" not in response.text


def test_reading_chips_can_be_removed_or_made_filters(client):  # type: ignore[no-untyped-def]
    page = soup(client, "/?q=福島県の村 タブレット")
    chips = page.select("[data-readings] li")
    labels = [c.select_one(".reading").text for c in chips]
    assert "福島県" in labels and "村" in labels
    fukushima = chips[labels.index("福島県")]
    assert "prefecture=07" in fukushima.select_one(".to-filter")["href"]
    assert "skip=prefecture%3A07" in fukushima.select_one(".remove")["href"]
    hard = soup(client, fukushima.select_one(".to-filter")["href"])
    assert "都道府県: 福島県" in hard.select_one(".chips").text  # now an ordinary filter chip


def test_like_field_links_to_the_town_page(client):  # type: ignore[no-untyped-def]
    page = soup(client, "/?q=窓口&like=北海道倶知安町")
    assert page.select_one('.like-town a[href="/towns/014001"]') is not None
    assert page.select_one('.like-banner a[href="/towns/014001"]') is not None


def test_case_page_names_the_section_to_ask_and_where_that_name_comes_from(client):  # type: ignore[no-untyped-def]
    page = soup(client, "/cases/moka-gov-cloud")
    contact = next(dt.find_next_sibling("dd") for dt in page.select("dt") if dt.text == "問い合わせ")
    assert contact.text.startswith("総務部デジタル戦略課")
    link = contact.select_one("a")
    assert link["href"] == "https://tkc.jp/lg/kaze/202504tokusyu03" and "部署名の出典: tkc.jp" in link.text
