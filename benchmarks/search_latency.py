"""Benchmark: index build time and peak memory, and in-process search latency (p50/p95), per corpus size.

    .venv/bin/python benchmarks/search_latency.py [SIZE ...]      # default: 1000 10000 100000

Each size runs in its own process (so peak memory is that build's) over a synthetic corpus made from the
real cases (benchmarks/synthetic.py). Queries are the judged queries of tests/eval plus short ones, each
searched plain, with a region filter, and with `like`; the default static model is used, torch never loads
for the queries. The default model itself is built once and shared (it does not depend on the corpus).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHORT = ["窓口", "AI", "DX", "GIS", "RPA", "ガバクラ", "防災", "子育て"]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run_one(size: int, corpus_dir: Path, models: Path) -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_corpus

    from kb.search import Filters, SearchQuery, build_index, open_index
    from kb.settings import Settings

    corpus = synthetic_corpus(size, corpus_dir)
    index_dir = Path(tempfile.mkdtemp(prefix=f"kb-bench-{size}-")) / "index"
    index_dir.mkdir(parents=True)
    os.symlink(models, index_dir / "models")
    settings = Settings(corpus=corpus_dir, index=index_dir)
    started = time.perf_counter()
    report = build_index(settings, corpus=corpus)
    build_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    index = open_index(settings, corpus=corpus)
    texts = [
        q["query"] for q in yaml.safe_load((ROOT / "tests/eval/queries.yaml").read_text("utf-8"))
    ] + SHORT
    variants = {
        "plain": {},
        "region filter": {"filters": Filters.parse({"region": ["kanto"]})},
        "like": {"like": "島根県益田市"},
    }
    latency = {}
    for name, extra in variants.items():
        times = []
        for _ in range(3):
            index.analyzer.analyze_cached.cache_clear()  # measure snippets cold, as for a new query
            for text in texts:
                t = time.perf_counter()
                index.search(SearchQuery(text=text, limit=10, **extra))
                times.append((time.perf_counter() - t) * 1000)
        latency[name] = {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "n": len(times)}
    return {
        "size": size,
        "ann": report.ann,
        "build_s": build_s,
        "peak_rss_mb": peak_mb,
        "latency": latency,
    }


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--one":
        result = run_one(int(argv[1]), Path(argv[2]), Path(argv[3]))
        print(json.dumps(result))
        return
    sizes = [int(a) for a in argv] or [1000, 10_000, 100_000]
    sys.path.insert(0, str(ROOT))
    from kb.search.chive import ensure_static_model
    from kb.settings import Settings

    cache = ROOT / ".cache" / "bench"
    ensure_static_model(cache)
    corpus_dir = Settings().corpus.resolve()  # KB_CORPUS, else ./corpus, as for every command
    print(f"{'cases':>7} {'ann':>5} {'build s':>8} {'peak MB':>8} {'query':>14} {'p50 ms':>7} {'p95 ms':>7}")
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), str(corpus_dir), str(cache / "models")],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        for name, lat in r["latency"].items():
            print(
                f"{r['size']:>7} {r['ann']:>5} {r['build_s']:>8.1f} {r['peak_rss_mb']:>8.0f} "
                f"{name:>14} {lat['p50_ms']:>7.1f} {lat['p95_ms']:>7.1f}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
