"""Fetching against a local test server (pytest-httpserver): never the internet."""

from __future__ import annotations

import socket

import pytest
from werkzeug import Response

from kb.errors import IngestError
from kb.ingest.fetch import USER_AGENT, Fetcher
from kb.ingest.store import PageStore

HTML = "<html><head><title>t</title></head><body><main><p>本文</p></main></body></html>"


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fetcher(tmp_path, clock):
    with Fetcher(PageStore(tmp_path / "cache"), delay=1.0, backoff=0.5, clock=clock, sleep=clock.sleep) as f:
        yield f


def serve_robots(httpserver, text: str = "User-agent: *\nAllow: /\n") -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(text, content_type="text/plain")


def test_get_sends_user_agent_and_stores_the_page(httpserver, fetcher, tmp_path):
    serve_robots(httpserver)
    httpserver.expect_request("/page.html", headers={"User-Agent": USER_AGENT}).respond_with_data(
        HTML, content_type="text/html; charset=utf-8", headers={"ETag": '"v1"'}
    )
    snap = fetcher.get(httpserver.url_for("/page.html"))
    assert "本文" in snap.content.decode()
    stored = PageStore(tmp_path / "cache").load(httpserver.url_for("/page.html"))
    assert stored is not None and stored.etag == '"v1"' and stored.content == snap.content


def test_revalidates_with_etag_and_replays_on_304(httpserver, fetcher):
    serve_robots(httpserver)
    url = httpserver.url_for("/page.html")
    httpserver.expect_oneshot_request("/page.html").respond_with_data(
        HTML,
        content_type="text/html",
        headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
    )
    httpserver.expect_oneshot_request("/page.html", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    first = fetcher.get(url)
    second = fetcher.get(url)
    assert second.content == first.content
    assert len(httpserver.log) == 3  # robots.txt once, then the page twice


def test_robots_txt_is_honoured(httpserver, fetcher):
    serve_robots(httpserver, "User-agent: *\nDisallow: /private/\n")
    httpserver.expect_request("/private/x.html").respond_with_data(HTML, content_type="text/html")
    with pytest.raises(IngestError, match=r"robots\.txt"):
        fetcher.get(httpserver.url_for("/private/x.html"))
    assert all(req.path != "/private/x.html" for req, _ in httpserver.log)


def test_missing_robots_txt_allows_everything(httpserver, fetcher):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/a.html").respond_with_data(HTML, content_type="text/html")
    assert fetcher.get(httpserver.url_for("/a.html")).content


def test_404_is_a_one_line_error(httpserver, fetcher):
    serve_robots(httpserver)
    httpserver.expect_request("/gone.html").respond_with_data("not found", status=404)
    with pytest.raises(IngestError, match="HTTP 404"):
        fetcher.get(httpserver.url_for("/gone.html"))


def test_retries_with_backoff_then_succeeds(httpserver, fetcher, clock):
    serve_robots(httpserver)
    httpserver.expect_oneshot_request("/flaky.html").respond_with_data("busy", status=503)
    httpserver.expect_oneshot_request("/flaky.html").respond_with_data("busy", status=503)
    httpserver.expect_oneshot_request("/flaky.html").respond_with_data(HTML, content_type="text/html")
    assert fetcher.get(httpserver.url_for("/flaky.html")).content
    assert 0.5 in clock.sleeps and 1.0 in clock.sleeps  # backoff doubles


def test_retry_after_is_respected(httpserver, fetcher, clock):
    serve_robots(httpserver)
    httpserver.expect_oneshot_request("/slow.html").respond_with_data(
        "", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_oneshot_request("/slow.html").respond_with_data(HTML, content_type="text/html")
    fetcher.get(httpserver.url_for("/slow.html"))
    assert 7.0 in clock.sleeps


def test_gives_up_after_retries(httpserver, fetcher):
    serve_robots(httpserver)
    httpserver.expect_request("/down.html").respond_with_data("", status=503)
    with pytest.raises(IngestError, match="HTTP 503"):
        fetcher.get(httpserver.url_for("/down.html"))


def test_per_host_rate_limit(httpserver, fetcher, clock):
    serve_robots(httpserver)
    httpserver.expect_request("/a.html").respond_with_data(HTML, content_type="text/html")
    httpserver.expect_request("/b.html").respond_with_data(HTML, content_type="text/html")
    fetcher.get(httpserver.url_for("/a.html"))
    fetcher.get(httpserver.url_for("/b.html"))
    # robots.txt, a.html, b.html: each waited for the one before on the same host
    assert clock.sleeps == [1.0, 1.0]


def test_crawl_delay_raises_the_rate_limit(httpserver, fetcher, clock):
    serve_robots(httpserver, "User-agent: *\nCrawl-delay: 5\n")
    httpserver.expect_request("/a.html").respond_with_data(HTML, content_type="text/html")
    fetcher.get(httpserver.url_for("/a.html"))
    assert clock.sleeps == [5.0]


def test_unreachable_host_is_a_one_line_error(tmp_path, clock):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    fetcher = Fetcher(PageStore(tmp_path), retries=2, backoff=0.01, clock=clock, sleep=clock.sleep)
    with fetcher, pytest.raises(IngestError, match="接続できません"):
        fetcher.get(f"http://127.0.0.1:{port}/x.html")


def test_timeout_is_retried_then_reported(httpserver, tmp_path, clock):
    import time

    serve_robots(httpserver)

    def slow(_request):
        time.sleep(0.5)
        return Response(HTML, content_type="text/html")

    httpserver.expect_request("/slow.html").respond_with_handler(slow)
    fetcher = Fetcher(PageStore(tmp_path), timeout=0.1, retries=2, clock=clock, sleep=clock.sleep)
    with fetcher, pytest.raises(IngestError, match="タイムアウト"):
        fetcher.get(httpserver.url_for("/slow.html"))


def test_offline_replays_the_store_without_any_request(httpserver, tmp_path, clock):
    serve_robots(httpserver)
    httpserver.expect_request("/page.html").respond_with_data(HTML, content_type="text/html")
    url = httpserver.url_for("/page.html")
    with Fetcher(PageStore(tmp_path), clock=clock, sleep=clock.sleep) as online:
        online.get(url)
    requests_before = len(httpserver.log)
    offline = Fetcher(PageStore(tmp_path), offline=True)
    assert offline.get(url).content.decode() == HTML
    assert len(httpserver.log) == requests_before
    assert offline._client is None  # no client, so no socket


def test_offline_miss_is_an_error(tmp_path):
    with pytest.raises(IngestError, match="オフライン"):
        Fetcher(PageStore(tmp_path), offline=True).get("https://www.city.example.lg.jp/none.html")


@pytest.mark.parametrize("url", ["http://[::1", "http://a\x00b/", "ftp://example.jp/x", "https:///path-only"])
def test_a_malformed_url_is_an_ingest_error_before_any_request(tmp_path, url):
    with Fetcher(PageStore(tmp_path), offline=True) as offline, pytest.raises(IngestError, match="URLの形式"):
        offline.get(url)
