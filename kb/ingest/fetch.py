"""Polite HTTP fetching for ingest: robots.txt, a per-host rate limit, timeouts, retries with backoff, a
descriptive User-Agent, and conditional requests (ETag/Last-Modified) against the page store.

Offline, the fetcher only replays the store: no client is ever created, so no socket is opened.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from kb.errors import IngestError
from kb.ingest.store import PageStore, Snapshot

USER_AGENT = (
    "jichitai-dx-kb/0.1 (municipal DX case-study knowledge base; drafts for curators; honours robots.txt)"
)
MAX_BYTES = 30 * 1024 * 1024  # larger than any page or report we want; stops an endless download
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Reply:
    """What one HTTP exchange returned (body already decompressed and size-capped)."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes


class Fetcher:
    def __init__(
        self,
        store: PageStore,
        *,
        offline: bool = False,
        delay: float = 1.0,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.store, self.offline = store, offline
        self.delay, self.timeout, self.retries, self.backoff = delay, timeout, retries, backoff
        self._clock, self._sleep = clock, sleep
        self._client: httpx.Client | None = None
        self._robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}  # host -> time of its last request

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": USER_AGENT}, timeout=self.timeout, follow_redirects=True
            )
        return self._client

    def get(self, url: str) -> Snapshot:
        """The resource at `url`: fresh from the server (revalidating the store) or, offline, from the store."""
        check_url(url)
        cached = self.store.load(url)
        if self.offline:
            if cached is None:
                raise IngestError(
                    f"オフラインですがキャッシュにありません: {url}(一度オンラインで取り込んでください)"
                )
            return cached
        self._check_robots(url)
        response = self._request(url, _conditional_headers(cached))
        if response.status == 304 and cached is not None:
            return cached
        if response.status in (404, 410):
            raise IngestError(f"ページが見つかりません (HTTP {response.status})")
        if response.status >= 400:
            raise IngestError(f"サーバーがエラーを返しました (HTTP {response.status})")
        snap = Snapshot(
            url=response.url,
            content=response.content,
            content_type=response.headers.get("content-type", "application/octet-stream"),
            fetched_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
        self.store.save(url, snap)
        return snap

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser = RobotFileParser(origin + "/robots.txt")
            response = self._request(origin + "/robots.txt", {})
            if response.status >= 500:  # RFC 9309: an unreachable robots.txt means "do not crawl"
                parser.parse(["User-agent: *", "Disallow: /"])
            elif response.status >= 400:  # no robots.txt: everything is allowed
                parser.parse([])
            else:
                parser.parse(response.content.decode("utf-8", "replace").splitlines())
            self._robots[origin] = parser
        if not self._robots[origin].can_fetch(USER_AGENT, url):
            raise IngestError("robots.txt が取得を禁止しています")

    def _host_delay(self, host: str) -> float:
        parser = next((p for o, p in self._robots.items() if urlsplit(o).netloc == host), None)
        crawl_delay = parser.crawl_delay(USER_AGENT) if parser is not None else None
        return max(self.delay, float(crawl_delay or 0))

    def _wait_turn(self, host: str) -> None:
        if host in self._last:
            remaining = self._last[host] + self._host_delay(host) - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last[host] = self._clock()

    def _request(self, url: str, headers: dict[str, str]) -> Reply:
        host = urlsplit(url).netloc
        problem, retry_after = "", ""
        for attempt in range(self.retries):
            if attempt:
                self._sleep(self._pause(attempt, retry_after))
            self._wait_turn(host)
            try:
                reply = self._download(url, headers)
            except httpx.TimeoutException:
                problem, retry_after = "応答がありません(タイムアウト)", ""
                continue
            except httpx.TransportError as e:
                problem, retry_after = f"接続できません ({type(e).__name__})", ""
                continue
            if reply.status not in RETRY_STATUSES or attempt == self.retries - 1:
                return reply
            retry_after = reply.headers.get("retry-after", "")
        raise IngestError(problem)

    def _pause(self, attempt: int, retry_after: str) -> float:
        if retry_after.isdigit():  # the server said how long to wait (429/503)
            return min(float(retry_after), MAX_RETRY_AFTER)
        return self.backoff * 2 ** (attempt - 1)

    def _download(self, url: str, headers: dict[str, str]) -> Reply:
        with self.client.stream("GET", url, headers=headers) as response:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise IngestError(f"大きすぎます({MAX_BYTES // 1024 // 1024} MB 超)")
                chunks.append(chunk)
        return Reply(str(response.url), response.status_code, response.headers, b"".join(chunks))


def check_url(url: str) -> None:
    """Refuse, as this input's own error, a URL that urllib (the store) or httpx (the client) cannot parse."""
    try:
        parts = urlsplit(url)
        host = httpx.URL(url).host
    except (ValueError, httpx.InvalidURL) as e:
        raise IngestError(f"URLの形式が正しくありません ({e})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise IngestError("URLの形式が正しくありません (http:// か https:// とホスト名が必要です)")


def _conditional_headers(cached: Snapshot | None) -> dict[str, str]:
    headers = {}
    if cached is not None and cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached is not None and cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    return headers
