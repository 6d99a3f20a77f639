"""Load benchmark of the JSON API: concurrent clients drive `/api/search` on loopback for a bounded time.

    .venv/bin/python benchmarks/load_api.py                 # starts `kb serve` on a free port, 20 s, 8 clients
    .venv/bin/python benchmarks/load_api.py --duration 10 --clients 16
    .venv/bin/python benchmarks/load_api.py --url http://127.0.0.1:8000   # an already running server (loopback only)

Closed loop: each client sends its next request when the previous answer arrives (keep-alive connections), cycling
through realistic queries (short words, sentences, filters, 「うちと似た町」). Reports throughput, latency
percentiles and errors, and compares them with the target (≥200 requests/s, p99 < 100 ms, no errors). The index
must exist (`kb build`). Stops by itself after warm-up + duration.
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
QUERIES: list[dict[str, str | list[str]]] = [
    {"q": "書かない窓口"},
    {"q": "窓口"},
    {"q": "AI"},
    {"q": "DX"},
    {"q": "GIS"},
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
    {"q": "高齢者のスマホ教室"},
]


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] if ordered else float("nan")


def require_loopback(url: str) -> None:
    """This benchmark sends traffic only to this machine."""
    host = urlparse(url).hostname or ""
    loopback = host == "localhost" or (
        host.replace(".", "").replace(":", "").isalnum() and _is_loopback_ip(host)
    )
    if not loopback:
        raise SystemExit(f"refusing to load a non-loopback address: {host!r} (use 127.0.0.1)")


def _is_loopback_ip(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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


async def client(http: httpx.AsyncClient, start: int, until: float, record_from: float, tally: Tally) -> None:
    i = start
    while (now := time.perf_counter()) < until:
        params = QUERIES[i % len(QUERIES)]
        i += 1
        try:
            response = await http.get("/api/search", params=params)
            ok = response.status_code == 200
        except httpx.HTTPError as e:
            ok, response = False, None
            kind = type(e).__name__
        elapsed = (time.perf_counter() - now) * 1000
        if now < record_from:
            continue  # warm-up
        if ok:
            tally.latencies_ms.append(elapsed)
        else:
            tally.error(f"HTTP {response.status_code}" if response is not None else kind)


async def drive(url: str, clients: int, duration: float, warmup: float) -> tuple[Tally, float]:
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=10) as http:
        start = time.perf_counter()
        record_from, until = start + warmup, start + warmup + duration
        await asyncio.gather(*(client(http, n * 3, until, record_from, tally) for n in range(clients)))
    return tally, duration


def report(tally: Tally, seconds: float, clients: int, health: dict[str, object]) -> dict[str, object]:
    lat = tally.latencies_ms
    errors = sum(tally.errors.values())
    result = {
        "cases": health.get("cases"),
        "clients": clients,
        "seconds": seconds,
        "requests": len(lat) + errors,
        "throughput_rps": round((len(lat) + errors) / seconds, 1),
        "p50_ms": round(percentile(lat, 50), 2),
        "p90_ms": round(percentile(lat, 90), 2),
        "p99_ms": round(percentile(lat, 99), 2),
        "max_ms": round(max(lat, default=float("nan")), 2),
        "mean_ms": round(statistics.fmean(lat), 2) if lat else None,
        "errors": errors,
        "error_kinds": tally.errors,
    }
    result["target_met"] = (
        result["throughput_rps"] >= TARGET_RPS and result["p99_ms"] < TARGET_P99_MS and errors == 0  # type: ignore[operator]
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="an already running server on loopback (default: start `kb serve`)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument(
        "--duration", type=float, default=20, help="measured seconds (default 20, at most 120)"
    )
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
        tally, seconds = asyncio.run(drive(url, args.clients, duration, args.warmup))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
    result = report(tally, seconds, args.clients, health)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"/api/search on {url}: {result['cases']} cases, {args.clients} clients, {seconds:.0f} s")
    print(f"  requests   {result['requests']}  ({result['throughput_rps']} req/s)")
    print(
        f"  latency    p50 {result['p50_ms']} ms  p90 {result['p90_ms']} ms  p99 {result['p99_ms']} ms  max {result['max_ms']} ms"
    )
    print(f"  errors     {result['errors']} {result['error_kinds'] or ''}")
    verdict = "met" if result["target_met"] else "MISSED"
    print(f"  target     ≥{TARGET_RPS:.0f} req/s, p99 < {TARGET_P99_MS:.0f} ms, 0 errors: {verdict}")


if __name__ == "__main__":
    main()
