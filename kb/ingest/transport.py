"""The HTTP transport of `kb ingest`: httpx's own, with every socket operation held to the download's deadline.

httpx's timeouts apply to each read, so a server that sends one byte a second — in the headers or the body —
never times out. Here each connect, TLS handshake, write and read waits at most until the `Deadline` the
fetcher starts for the download, and fails as a timeout once it has passed.
"""

from __future__ import annotations

import math
import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx


class Deadline:
    """When the current download must be over (monotonic clock); `math.inf` between downloads."""

    def __init__(self) -> None:
        self.at = math.inf
        self.cut_short = False  # the last operation got less than its timeout: if it timed out, this did it

    def start(self, seconds: float) -> None:
        self.at, self.cut_short = time.monotonic() + seconds, False

    def stop(self) -> None:
        self.at = math.inf

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def bound(self, timeout: float | None, error: type[httpcore.TimeoutException]) -> float | None:
        """`timeout` shortened to what is left before the deadline; `error` once nothing is left."""
        left = self.at - time.monotonic()
        self.cut_short = left <= 0 or (not math.isinf(left) and (timeout is None or left < timeout))
        if left <= 0:
            raise error("ダウンロードの時間の上限を過ぎました")
        return left if self.cut_short else timeout


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline):
        self._inner, self._deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        bounded = self._deadline.bound(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, bounded), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, deadline: Deadline):
        self._inner, self._deadline = httpcore.SyncBackend(), deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = self._deadline.bound(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, bounded, local_address, socket_options)
        return _Stream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("kb ingest は Unix ソケットに接続しません")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def keep_deadline(client: httpx.Client, deadline: Deadline) -> httpx.Client:
    """`client`, its connections — direct or through a proxy from the environment — made through the
    deadline-keeping backend. httpx has no parameter for the network backend (and a custom transport would
    turn off HTTP(S)_PROXY), so it is set on each transport's connection pool."""
    backend = _Backend(deadline)
    for transport in [client._transport, *client._mounts.values()]:
        pool = getattr(transport, "_pool", None)
        if isinstance(pool, httpcore.ConnectionPool):  # httpcore's HTTPProxy and SOCKSProxy are pools too
            pool._network_backend = backend
    return client
