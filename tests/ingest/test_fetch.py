"""Fetching against local test servers (pytest-httpserver, and tests/ingest/hostile.py for trickling): never
the internet, and no DNS (a fake resolver stands in for it)."""

from __future__ import annotations

import dataclasses
import socket

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from kb.errors import IngestError
from kb.ingest.fetch import USER_AGENT, Fetcher
from kb.ingest.limits import LIMITS, LimitExceeded, Limits
from kb.ingest.store import PageStore

from .hostile import hostile_server, trickle

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
    with Fetcher(
        PageStore(tmp_path / "cache"),
        limits=LIMITS,
        allow_private=True,  # the test server listens on localhost
        delay=1.0,
        backoff=0.5,
        clock=clock,
        sleep=clock.sleep,
    ) as f:
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
    fetcher = Fetcher(
        PageStore(tmp_path),
        limits=LIMITS,
        allow_private=True,
        retries=2,
        backoff=0.01,
        clock=clock,
        sleep=clock.sleep,
    )
    with fetcher, pytest.raises(IngestError, match="接続できません"):
        fetcher.get(f"http://127.0.0.1:{port}/x.html")


def test_timeout_is_retried_then_reported(httpserver, tmp_path, clock):
    import time

    serve_robots(httpserver)

    def slow(_request):
        time.sleep(0.5)
        return Response(HTML, content_type="text/html")

    httpserver.expect_request("/slow.html").respond_with_handler(slow)
    fetcher = Fetcher(
        PageStore(tmp_path),
        limits=LIMITS,
        allow_private=True,
        timeout=0.1,
        retries=2,
        clock=clock,
        sleep=clock.sleep,
    )
    with fetcher, pytest.raises(IngestError, match="タイムアウト"):
        fetcher.get(httpserver.url_for("/slow.html"))


def test_offline_replays_the_store_without_any_request(httpserver, tmp_path, clock):
    serve_robots(httpserver)
    httpserver.expect_request("/page.html").respond_with_data(HTML, content_type="text/html")
    url = httpserver.url_for("/page.html")
    with Fetcher(
        PageStore(tmp_path), limits=LIMITS, allow_private=True, clock=clock, sleep=clock.sleep
    ) as online:
        online.get(url)
    requests_before = len(httpserver.log)
    offline = Fetcher(PageStore(tmp_path), limits=LIMITS, offline=True)
    assert offline.get(url).content.decode() == HTML
    assert len(httpserver.log) == requests_before
    assert offline._client is None  # no client, so no socket


def test_offline_miss_is_an_error(tmp_path):
    with pytest.raises(IngestError, match="オフライン"):
        Fetcher(PageStore(tmp_path), limits=LIMITS, offline=True).get(
            "https://www.city.example.lg.jp/none.html"
        )


@pytest.mark.parametrize("url", ["http://[::1", "http://a\x00b/", "ftp://example.jp/x", "https:///path-only"])
def test_a_malformed_url_is_an_ingest_error_before_any_request(tmp_path, url):
    with (
        Fetcher(PageStore(tmp_path), limits=LIMITS, offline=True) as offline,
        pytest.raises(IngestError, match="URLの形式"),
    ):
        offline.get(url)


# Hostile servers: each fails its own input with one clear line; none aborts the fetcher or holds it forever.


def limited(**changes: object) -> Limits:
    return dataclasses.replace(LIMITS, **changes)  # type: ignore[arg-type]


def test_a_redirect_loop_is_an_ingest_error(httpserver, fetcher):
    serve_robots(httpserver)
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(IngestError, match="リダイレクトが循環しています"):
        fetcher.get(httpserver.url_for("/a"))


def test_too_many_redirects_name_the_limit(httpserver, fetcher):
    serve_robots(httpserver)
    for n in range(LIMITS.max_redirects + 1):
        httpserver.expect_request(f"/r{n}").respond_with_data(
            "", status=301, headers={"Location": f"/r{n + 1}"}
        )
    httpserver.expect_request(f"/r{LIMITS.max_redirects + 1}").respond_with_data(
        HTML, content_type="text/html"
    )
    with pytest.raises(LimitExceeded, match=r"リダイレクトが多すぎます.*上限 5 回") as info:
        fetcher.get(httpserver.url_for("/r0"))
    assert info.value.limit == "max_redirects"


def test_a_broken_gzip_body_is_an_ingest_error(httpserver, fetcher):
    serve_robots(httpserver)
    httpserver.expect_request("/page.html").respond_with_data(
        b"this is not gzip", content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(IngestError, match="圧縮された本文を展開できません"):
        fetcher.get(httpserver.url_for("/page.html"))


@pytest.mark.parametrize("trickled", ["body", "headers"])
def test_a_trickling_server_is_stopped_at_the_download_deadline(tmp_path, clock, trickled):
    """One byte every 50 ms: never a read timeout, but past the (tiny) deadline; not retried."""
    head, body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 60\r\n\r\n", b"x" * 60
    reply = (
        (lambda conn: (conn.sendall(head), trickle(body, 0.05)(conn)))
        if trickled == "body"
        else (lambda conn: (trickle(head, 0.05)(conn), conn.sendall(body)))
    )
    fast = limited(download_deadline=0.5)
    fetcher = Fetcher(
        PageStore(tmp_path), limits=fast, allow_private=True, timeout=5.0, clock=clock, sleep=clock.sleep
    )
    expected = r"時間内に終わりません\(上限 0\.5 秒\)"
    with hostile_server(reply) as base, fetcher, pytest.raises(LimitExceeded, match=expected) as info:
        fetcher.get(f"{base}/slow.html")
    assert info.value.limit == "download_deadline"
    assert clock.sleeps == [1.0]  # robots.txt, then the page once (its host's turn): a breach is not retried


def test_a_body_past_the_size_limit_is_refused(httpserver, tmp_path, clock):
    serve_robots(httpserver)
    httpserver.expect_request("/declared.html").respond_with_data("x" * 5000, content_type="text/html")
    httpserver.expect_request("/chunked.html").respond_with_handler(
        lambda _request: Response(iter([b"x" * 1000] * 5), content_type="text/html")  # no Content-Length
    )
    small = limited(max_bytes=2000)
    with Fetcher(PageStore(tmp_path), limits=small, allow_private=True, clock=clock, sleep=clock.sleep) as f:
        for path in ("/declared.html", "/chunked.html"):
            with pytest.raises(
                LimitExceeded, match=r"ダウンロードが大きすぎます\(.*上限 2,000 バイト\)"
            ) as info:
                f.get(httpserver.url_for(path))
            assert info.value.limit == "max_bytes"


class FakeDNS:
    """Stands in for DNS: the test server's name passes for a public address; other names as listed."""

    def __init__(self, **table: str) -> None:
        self.table = {"localhost": "93.184.215.14", **{k.replace("_", "."): v for k, v in table.items()}}
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(f"unknown host {host}")
        return [self.table[host]]


@pytest.fixture
def guarded(tmp_path, clock):
    """A fetcher that refuses non-public addresses, with a fake DNS."""
    dns = FakeDNS(intranet_example="10.0.0.8", metadata_example="169.254.169.254", mixed_example="10.9.9.9")
    with Fetcher(
        PageStore(tmp_path / "cache"), limits=LIMITS, resolve=dns, timeout=1.0, clock=clock, sleep=clock.sleep
    ) as f:
        yield f


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.example/latest/meta-data/",
        "http://intranet.example/admin",
        "http://127.0.0.1:{port}/secret",
        "http://0.0.0.0:{port}/secret",
        "http://[::1]:{port}/secret",
        "http://[::ffff:127.0.0.1]:{port}/secret",
    ],
)
def test_a_redirect_to_a_private_address_is_refused(httpserver, guarded, target):
    serve_robots(httpserver)
    location = target.format(port=httpserver.port)
    httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": location})
    httpserver.expect_request("/secret").respond_with_data("secret", content_type="text/plain")
    with pytest.raises(IngestError, match=r"内部向けのアドレスには接続しません.*--allow-private"):
        guarded.get(httpserver.url_for("/go"))
    assert [req.path for req, _ in httpserver.log] == ["/robots.txt", "/go"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/page.html",
        "http://0.0.0.0:{port}/page.html",
        "http://[::1]:{port}/page.html",
        "http://2130706433:{port}/page.html",  # 127.0.0.1 as one number
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/",
        "http://[fd00::1]/",
    ],
)
def test_private_addresses_are_refused_before_any_request(httpserver, tmp_path, url):
    """With the real resolver: literals are checked as they are, names once resolved (no DNS server needed)."""
    httpserver.expect_request("/page.html").respond_with_data(HTML, content_type="text/html")
    with Fetcher(PageStore(tmp_path), limits=LIMITS) as fetcher, pytest.raises(IngestError, match="内部向け"):
        fetcher.get(url.format(port=httpserver.port))
    assert httpserver.log == []


def test_allow_private_reaches_a_local_server(httpserver, tmp_path, clock):
    serve_robots(httpserver)
    httpserver.expect_request("/page.html").respond_with_data(HTML, content_type="text/html")
    url = f"http://127.0.0.1:{httpserver.port}/page.html"
    with Fetcher(PageStore(tmp_path), limits=LIMITS, allow_private=True, clock=clock, sleep=clock.sleep) as f:
        assert "本文" in f.get(url).content.decode()


@pytest.fixture
def other_host():
    """A second test server: another host (127.0.0.1 and another port, where the first is localhost)."""
    server = HTTPServer(host="127.0.0.1")
    server.start()
    yield server
    server.clear()
    server.stop()


def test_a_redirect_to_another_host_obeys_that_hosts_robots_txt(httpserver, other_host, fetcher):
    serve_robots(httpserver)
    serve_robots(other_host, "User-agent: *\nDisallow: /\n")
    other_host.expect_request("/page.html").respond_with_data(HTML, content_type="text/html")
    location = other_host.url_for("/page.html")
    httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": location})
    with pytest.raises(IngestError, match=r"robots\.txt が取得を禁止"):
        fetcher.get(httpserver.url_for("/go"))
    assert [req.path for req, _ in other_host.log] == ["/robots.txt"]


def test_a_redirect_to_another_host_waits_that_hosts_turn(httpserver, other_host, fetcher, clock):
    serve_robots(httpserver)
    serve_robots(other_host, "User-agent: *\nCrawl-delay: 3\n")
    other_host.expect_request("/page.html").respond_with_data(HTML, content_type="text/html")
    location = other_host.url_for("/page.html")
    httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": location})
    snap = fetcher.get(httpserver.url_for("/go"))
    assert snap.url == location and "本文" in snap.content.decode()
    # localhost: robots.txt, then /go after 1 s; 127.0.0.1: robots.txt, then the page after its Crawl-delay
    assert clock.sleeps == [1.0, 3.0]


def test_a_crawl_delay_past_the_limit_is_refused_not_waited_for(httpserver, fetcher, clock):
    serve_robots(httpserver, "User-agent: *\nCrawl-delay: 86400\n")
    httpserver.expect_request("/a.html").respond_with_data(HTML, content_type="text/html")
    with pytest.raises(LimitExceeded, match=r"Crawl-delay.*86400 秒、上限 60 秒") as info:
        fetcher.get(httpserver.url_for("/a.html"))
    assert info.value.limit == "max_crawl_delay" and clock.sleeps == []


def test_credentials_in_a_url_are_never_sent_or_stored(httpserver, fetcher, tmp_path):
    serve_robots(httpserver)
    httpserver.expect_request("/page.html").respond_with_data(
        "", status=302, headers={"Location": f"http://again:hunter2@localhost:{httpserver.port}/final.html"}
    )
    httpserver.expect_request("/final.html").respond_with_data(HTML, content_type="text/html")
    snap = fetcher.get(f"http://user:s3cret@localhost:{httpserver.port}/page.html")
    assert snap.url == httpserver.url_for("/final.html")
    assert all("Authorization" not in req.headers for req, _ in httpserver.log)
    for path in (tmp_path / "cache").rglob("*"):
        assert "s3cret" not in str(path) and "hunter2" not in str(path)
        if path.is_file():
            assert b"s3cret" not in path.read_bytes() and b"hunter2" not in path.read_bytes()
