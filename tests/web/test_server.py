"""`kb serve`'s own protections: a request-header deadline (slowloris) and trusted hosts."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.middleware.trustedhost import TrustedHostMiddleware

from kb.settings import Settings
from web.server import HeaderDeadlineProtocol, allowed_hosts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Quick(HeaderDeadlineProtocol):
    header_timeout = 0.5


@pytest.fixture(scope="module")
def guarded(app) -> Iterator[int]:  # type: ignore[no-untyped-def]
    port = free_port()
    wrapped = TrustedHostMiddleware(app, allowed_hosts=allowed_hosts(Settings(host="127.0.0.1", port=port)))
    server = uvicorn.Server(
        uvicorn.Config(wrapped, host="127.0.0.1", port=port, http=Quick, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(data)
        return s.recv(65536)


def test_headers_that_trickle_are_cut_off(guarded):  # type: ignore[no-untyped-def]
    with socket.create_connection(("127.0.0.1", guarded), timeout=5) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        started = time.monotonic()
        assert s.recv(1024) == b""  # the server closed it
        assert time.monotonic() - started < 3


def test_a_prompt_request_is_answered_and_keep_alive_works(guarded):  # type: ignore[no-untyped-def]
    answer = raw(guarded, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200")


def test_a_forged_host_is_refused_and_no_redirect_echoes_it(guarded):  # type: ignore[no-untyped-def]
    assert raw(guarded, b"GET /healthz HTTP/1.1\r\nHost: evil.example\r\n\r\n").startswith(b"HTTP/1.1 400")
    answer = raw(guarded, b"GET /overview/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert b"evil" not in answer and not answer.startswith(b"HTTP/1.1 307")


def test_allowed_hosts_follow_the_settings():
    hosts = allowed_hosts(
        Settings(host="0.0.0.0", public_url="https://dx.example.jp", allowed_hosts="kb.lan")
    )
    assert {"dx.example.jp", "kb.lan", "127.0.0.1", "localhost"} <= set(hosts) and "0.0.0.0" not in hosts


def test_head_healthz(client):  # type: ignore[no-untyped-def]
    assert client.head("/healthz").status_code == 200
