"""Polite HTTP fetching for ingest: robots.txt, a per-host rate limit, timeouts, retries with backoff, a
descriptive User-Agent, and conditional requests (ETag/Last-Modified) against the page store.

Redirects are followed here, not by httpx, so that every hop is held to the rules of the first: a public
address (`kb.ingest.address`), its site's robots.txt, its host's turn in the rate limit. Each exchange keeps to
the budget (`kb.ingest.limits`: a deadline, a size cap), and whatever the client raises becomes this input's
own `IngestError`.

Offline, the fetcher only replays the store: no client is ever created, so no socket is opened.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from kb.errors import IngestError
from kb.ingest.address import Resolver, check_public, check_url, system_resolver
from kb.ingest.limits import Limits
from kb.ingest.store import PageStore, Snapshot
from kb.ingest.transport import Deadline, keep_deadline

USER_AGENT = (
    "jichitai-dx-kb/0.1 (municipal DX case-study knowledge base; drafts for curators; honours robots.txt)"
)
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


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
        limits: Limits,
        offline: bool = False,
        allow_private: bool = False,
        resolve: Resolver = system_resolver,
        delay: float = 1.0,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.store, self.limits, self.offline = store, limits, offline
        self.allow_private, self.resolve = allow_private, resolve
        self.delay, self.timeout, self.retries, self.backoff = delay, timeout, retries, backoff
        self._clock, self._sleep = clock, sleep
        self._client: httpx.Client | None = None
        self._deadline = Deadline()
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
            client = httpx.Client(
                headers={"User-Agent": USER_AGENT},
                timeout=self.timeout,
                follow_redirects=False,  # followed hop by hop in `_follow`
            )
            self._client = keep_deadline(client, self._deadline)
        return self._client

    def get(self, url: str) -> Snapshot:
        """The resource at `url`: fresh from the server (revalidating the store) or, offline, from the store."""
        url = check_url(url)
        cached = self.store.load(url)
        if self.offline:
            if cached is None:
                raise IngestError(
                    f"オフラインですがキャッシュにありません: {url}(一度オンラインで取り込んでください)"
                )
            return cached
        response = self._follow(url, _conditional_headers(cached), robots=True)
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

    def _follow(self, url: str, headers: dict[str, str], *, robots: bool) -> Reply:
        """The reply at the end of `url`'s redirects. Every hop is checked (address; robots.txt unless this is
        robots.txt itself) and waits its host's turn."""
        seen = {url}
        for _ in range(self.limits.max_redirects + 1):
            if not self.allow_private:
                check_public(url, self.resolve)
            if robots:
                self._check_robots(url)
            reply = self._request(url, headers)
            location = reply.headers.get("location")
            if reply.status not in REDIRECT_STATUSES or not location:
                return reply
            url = _next_hop(url, location)
            if url in seen:
                raise IngestError(f"リダイレクトが循環しています({url} に戻ります)")
            seen.add(url)
        raise self.limits.exceeded("max_redirects", "リダイレクトが多すぎます")

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser = RobotFileParser(origin + "/robots.txt")
            response = self._follow(origin + "/robots.txt", {}, robots=False)
            if response.status >= 500:  # RFC 9309: an unreachable robots.txt means "do not crawl"
                parser.parse(["User-agent: *", "Disallow: /"])
            elif response.status >= 400:  # no robots.txt: everything is allowed
                parser.parse([])
            else:
                parser.parse(response.content.decode("utf-8", "replace").splitlines())
            self._robots[origin] = parser
        crawl_delay = self._robots[origin].crawl_delay(USER_AGENT)
        if crawl_delay is not None and float(crawl_delay) > self.limits.max_crawl_delay:
            raise self.limits.exceeded(
                "max_crawl_delay", "robots.txt の Crawl-delay が長すぎて取り込めません", f"{crawl_delay} 秒"
            )
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
            except httpx.DecodingError as e:
                raise IngestError(
                    f"圧縮された本文を展開できません(gzip/deflate が壊れています: {e})"
                ) from None
            except httpx.HTTPError as e:  # whatever else the client raises fails this input alone
                raise IngestError(f"通信に失敗しました ({type(e).__name__}: {e})") from None
            if reply.status not in RETRY_STATUSES or attempt == self.retries - 1:
                return reply
            retry_after = reply.headers.get("retry-after", "")
        raise IngestError(problem)

    def _pause(self, attempt: int, retry_after: str) -> float:
        if retry_after.isdigit():  # the server said how long to wait (429/503)
            return min(float(retry_after), self.limits.max_retry_after)
        return float(self.backoff * 2 ** (attempt - 1))

    def _download(self, url: str, headers: dict[str, str]) -> Reply:
        """One exchange, within the deadline and the size cap (neither breach is worth a retry)."""
        self._deadline.start(self.limits.download_deadline)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.limits.max_bytes:
                    raise self.limits.exceeded(
                        "max_bytes", "ダウンロードが大きすぎます", f"{int(declared):,} バイト"
                    )
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.limits.max_bytes:
                        raise self.limits.exceeded("max_bytes", "ダウンロードが大きすぎます")
                    if self._deadline.passed:
                        raise httpx.ReadTimeout("deadline")
                    chunks.append(chunk)
        except httpx.TimeoutException:
            if self._deadline.cut_short or self._deadline.passed:
                raise self.limits.exceeded(
                    "download_deadline", "サーバーの応答が遅く、ダウンロードが時間内に終わりません"
                ) from None
            raise
        finally:
            self._deadline.stop()
        return Reply(str(response.url), response.status_code, response.headers, b"".join(chunks))


def _next_hop(url: str, location: str) -> str:
    try:
        target = urljoin(url, location)
    except ValueError as e:
        raise IngestError(f"リダイレクト先のURLが正しくありません ({e})") from None
    return check_url(target)


def _conditional_headers(cached: Snapshot | None) -> dict[str, str]:
    headers = {}
    if cached is not None and cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached is not None and cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    return headers
