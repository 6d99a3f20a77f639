"""The pager and the links that keep a page's state."""

from __future__ import annotations

from starlette.requests import Request

from web.links import Pager, with_params, without_value


def request(query: str) -> Request:
    return Request({"type": "http", "path": "/", "query_string": query.encode(), "headers": []})


def test_pager_pages_and_ends():
    pager = Pager(total=95, offset=40, limit=20)
    assert (pager.first_shown, pager.last_shown) == (41, 60)
    assert (pager.previous, pager.next) == (20, 60)
    assert [p.number for p in pager.pages(around=1)] == [1, 2, 3, 4, 5]
    assert [p.current for p in pager.pages(around=1)] == [False, False, True, False, False]
    last = Pager(total=95, offset=80, limit=20)
    assert last.next is None and last.last_shown == 95
    assert Pager(total=0, offset=0, limit=20).pages() == []


def test_links_keep_state_and_reset_the_page():
    r = request("q=%E7%AA%93%E5%8F%A3&region=kanto&region=chugoku&offset=40")
    assert with_params(r, offset=20) == "/?q=%E7%AA%93%E5%8F%A3&region=kanto&region=chugoku&offset=20"
    assert (
        with_params(r, path="/api/search") == "/api/search?q=%E7%AA%93%E5%8F%A3&region=kanto&region=chugoku"
    )
    assert without_value(r, "region", "kanto") == "/?q=%E7%AA%93%E5%8F%A3&region=chugoku"
