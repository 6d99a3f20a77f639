"""`kb serve`: uvicorn with two protections uvicorn lacks by default.

- A request-header deadline: a client must finish sending a request's headers within `HEADER_TIMEOUT` seconds
  of connecting (or of starting the next request on a kept-alive connection), else the connection is closed.
  Without it a client trickling one header byte a second holds a connection forever (slowloris).
- Trusted hosts: the `Host` header must name the configured host (or `KB_PUBLIC_URL`'s, or loopback), so no
  response is built from a forged host name.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import uvicorn
from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware
from uvicorn.protocols.http.h11_impl import H11Protocol

from kb.settings import Settings

HEADER_TIMEOUT = 10.0  # seconds to send a request's headers
KEEP_ALIVE = 5  # seconds an idle kept-alive connection stays open


class HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose request headers do not arrive in time."""

    header_timeout = HEADER_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self._arm()

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.cycle is None or self.cycle.response_complete:
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self.cycle is None or self.cycle.response_complete:
            self._arm()  # bytes of a (next) request: its headers must come in time
        super().data_received(data)
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()  # the headers are in: the request runs

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def allowed_hosts(settings: Settings) -> list[str]:
    hosts = {"127.0.0.1", "localhost", "::1", "[::1]"}
    if settings.host not in ("0.0.0.0", "::", ""):
        hosts.add(settings.host)
    if settings.public_url:
        hosts.add(urlsplit(settings.public_url).hostname or "")
    hosts |= {h.strip() for h in settings.allowed_hosts.split(",") if h.strip()}
    return sorted(h for h in hosts if h)


def run(app: FastAPI, settings: Settings) -> None:
    guarded = TrustedHostMiddleware(app, allowed_hosts=allowed_hosts(settings))
    uvicorn.run(
        guarded,
        host=settings.host,
        port=settings.port,
        http=HeaderDeadlineProtocol,
        timeout_keep_alive=KEEP_ALIVE,
    )
