"""A tiny hostile HTTP server for tests, for what pytest-httpserver cannot do: trickle the status line and
headers, or the body, a byte at a time. It answers /robots.txt with 404 and every other path with `reply`."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Reply = Callable[[socket.socket], None]


def trickle(data: bytes, every: float) -> Reply:
    """Send `data` one byte every `every` seconds (stopping when the client hangs up)."""

    def send(conn: socket.socket) -> None:
        for i in range(len(data)):
            conn.sendall(data[i : i + 1])
            time.sleep(every)

    return send


def _serve_one(conn: socket.socket, reply: Reply) -> None:
    with conn:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(4096)
            if not chunk:
                return
            request += chunk
        try:
            if request.split(b" ", 2)[1] == b"/robots.txt":
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            else:
                reply(conn)
        except OSError:  # the client hung up: what a deadline does
            return


@contextmanager
def hostile_server(reply: Reply) -> Iterator[str]:
    """Serve on 127.0.0.1 until the block ends; yields the base URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=_serve_one, args=(conn, reply), daemon=True).start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()
