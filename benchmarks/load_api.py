"""Load benchmark of the JSON API: concurrent clients drive `/api/search` on loopback for a bounded time.

    .venv/bin/python benchmarks/load_api.py [--clients 32] [--duration 10]   # starts `kb serve`, 20 s, 8 clients
    .venv/bin/python benchmarks/load_api.py --rate 200 [--url http://127.0.0.1:8000]   # open loop; loopback only

Closed loop (default): each client sends its next request when the previous answer arrives (keep-alive). Open
loop (`--rate`): requests fall due at a fixed pace, latency counted from when due. Realistic queries (words,
sentences, filters, 「うちと似た町」); reports throughput, latency percentiles, errors against the target (≥200 req/s,
p99 < 100 ms, no errors). Needs `kb build`; stops by itself after warm-up + duration.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

TARGET_RPS, TARGET_P99_MS = 200.0, 100.0
WORDS = ["書かない窓口", "窓口", "AI", "DX", "GIS", "高齢者のスマホ教室"]
QUERIES: list[dict[str, str | list[str]]] = [{"q": w} for w in WORDS] + [
    {"q": "ガバメントクラウドの移行費用が増えた"},
    {"q": "子育てアプリ", "band": "10k-50k"},
    {"q": "マイナンバーカードの普及", "region": ["kyushu_okinawa", "chugoku"]},
    {"q": "RPA 失敗", "outcome": ["failure", "mixed"]},
    {"q": "防災 情報発信", "level": ["town", "village"]},
    {"q": "電子申請", "like": "島根県益田市"},
    {"q": "デジタル人材の育成", "like": "長野県喬木村"},
    {"q": "", "theme": "hyojunka"},
    {"q": "オープンデータ", "limit": "50"},
    {"q": "キャッシュレス決済 地域通貨", "offset": "20"},
]


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    last_done: float = 0.0  # perf_counter() when the last measured answer arrived

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1  # (kind: an HTTP status or an exception's name)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values) or [float("nan")]
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def require_loopback(url: str) -> None:
    """This benchmark sends traffic only to this machine."""
    host = urlparse(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name other than localhost: it could resolve anywhere
        loopback = False
    if not loopback:
        raise SystemExit(f"refusing to load a non-loopback address: {host!r} (use 127.0.0.1)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, extra_env: dict[str, str]) -> subprocess.Popen[bytes]:
    kb = Path(sys.executable).with_name("kb")
    command = [str(kb), "serve", "--host", "127.0.0.1", "--port", str(port)]
    # The access log stays on, as in `make serve`; only its output is discarded.
    return subprocess.Popen(
        command, env={**os.environ, **extra_env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def wait_healthy(url: str, server: subprocess.Popen[bytes] | None, timeout: float = 120) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(
                "the server exited:\n" + (server.stderr.read().decode() if server.stderr else "")
            )
        try:
            response = httpx.get(f"{url}/healthz", timeout=2)
            if response.status_code == 200:
                return dict(response.json())
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"no answer from {url}/healthz within {timeout:.0f} s")


async def one_request(
    http: httpx.AsyncClient,
    params: dict[str, str | list[str]],
    since: float,
    record_from: float,
    tally: Tally,
) -> None:
    """One search; its latency counts from `since` (the moment it was due), after the warm-up."""
    kind = ""
    try:
        response = await http.get("/api/search", params=params)
        kind = "" if response.status_code == 200 else f"HTTP {response.status_code}"
    except httpx.HTTPError as e:
        kind = type(e).__name__
    if since < record_from:
        return  # warm-up
    tally.last_done = time.perf_counter()
    if kind:
        tally.error(kind)
    else:
        tally.latencies_ms.append((time.perf_counter() - since) * 1000)


async def closed_loop(
    http: httpx.AsyncClient, first: int, until: float, record_from: float, tally: Tally
) -> None:
    """One client: the next request as soon as the previous answer is in."""
    i = first
    while (now := time.perf_counter()) < until:
        await one_request(http, QUERIES[i % len(QUERIES)], now, record_from, tally)
        i += 1


async def open_loop(
    http: httpx.AsyncClient, rate: float, clients: int, until: float, record_from: float, tally: Tally
) -> None:
    """Requests due at a fixed rate whatever the answers do (at most `clients` in flight); a request that must
    wait for a free connection counts that wait, so a slow server cannot hide its queue."""
    gate = asyncio.Semaphore(clients)
    start, tasks, i = time.perf_counter(), set(), 0

    async def due(params: dict[str, str | list[str]], at: float) -> None:
        async with gate:
            await one_request(http, params, at, record_from, tally)

    while (at := start + i / rate) < until:
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        task = asyncio.create_task(due(QUERIES[i % len(QUERIES)], at))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        i += 1
    await asyncio.gather(*tasks)


async def drive(
    url: str, clients: int, rate: float | None, duration: float, warmup: float
) -> tuple[Tally, float]:
    """The tally and the measured seconds: from the end of warm-up to the last answer (an overloaded server
    answers past the deadline, and throughput must count that time)."""
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=10) as http:
        start = time.perf_counter()
        record_from, until = start + warmup, start + warmup + duration
        if rate:
            await open_loop(http, rate, clients, until, record_from, tally)
        else:
            await asyncio.gather(
                *(closed_loop(http, n * 3, until, record_from, tally) for n in range(clients))
            )
    return tally, max(tally.last_done, until) - record_from


def report(tally: Tally, seconds: float, clients: int, health: dict[str, object]) -> dict[str, object]:
    lat = tally.latencies_ms
    errors = sum(tally.errors.values())
    result = {
        "cases": health.get("cases"),
        "clients": clients,
        "seconds": round(seconds, 2),
        "requests": len(lat) + errors,
        "throughput_rps": round((len(lat) + errors) / seconds, 1),
        "p50_ms": round(percentile(lat, 50), 2),
        "p90_ms": round(percentile(lat, 90), 2),
        "p99_ms": round(percentile(lat, 99), 2),
        "max_ms": round(max(lat, default=float("nan")), 2),
        "mean_ms": round(statistics.fmean(lat), 2) if lat else None,
        "errors": errors,
        "error_kinds": tally.errors,
    }  # fmt: skip
    result["target_met"] = (
        result["throughput_rps"] >= TARGET_RPS and result["p99_ms"] < TARGET_P99_MS and errors == 0  # type: ignore[operator]
    )
    return result


def print_report(result: dict[str, object], url: str, pace: str, seconds: float) -> None:
    print(f"/api/search on {url}: {result['cases']} cases, {pace}, {seconds:.1f} s")
    print(f"  requests   {result['requests']}  ({result['throughput_rps']} req/s)")
    latency = "  ".join(f"{q} {result[f'{q}_ms']} ms" for q in ("p50", "p90", "p99", "max"))
    print(f"  latency    {latency}")
    print(f"  errors     {result['errors']} {result['error_kinds'] or ''}")
    verdict = "met" if result["target_met"] else "MISSED"
    print(f"  target     ≥{TARGET_RPS:.0f} req/s, p99 < {TARGET_P99_MS:.0f} ms, 0 errors: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="an already running server on loopback (default: start `kb serve`)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument(
        "--duration", type=float, default=20, help="measured seconds (default 20, at most 120)"
    )
    parser.add_argument("--rate", type=float, help="open loop: requests per second, due at a fixed pace")
    parser.add_argument("--warmup", type=float, default=2, help="seconds before measuring (default 2)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    duration = min(max(args.duration, 1), 120)  # bounded: this is a benchmark, not a soak test
    server = None
    url = args.url
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = start_server(port, {})
    require_loopback(url)
    try:
        health = wait_healthy(url, server)
        tally, seconds = asyncio.run(drive(url, args.clients, args.rate, duration, args.warmup))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
    result = report(tally, seconds, args.clients, health)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_report(result, url, pace(args.rate, args.clients), seconds)


def pace(rate: float | None, clients: int) -> str:
    """How the load was driven, in words (closed loop when no rate is given)."""
    open_loop = f"{rate or 0:.0f} req/s due (open loop, ≤{clients} in flight)"
    return open_loop if rate else f"{clients} clients (closed loop)"


if __name__ == "__main__":
    main()
