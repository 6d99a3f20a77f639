"""Benchmark: wall-clock start-up of `kb search` (process start → results printed), and what it imports.

    .venv/bin/python benchmarks/startup.py        # needs a built index (`kb build`)

Reports the median of several runs of a one-shot `kb search` and checks that the query path of the default
static model never imports torch or sentence-transformers.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = str(Path(sys.executable).parent / "kb")
PROBE = (
    "import sys, time; t = time.perf_counter()\n"
    "from kb.settings import Settings; from kb.search import open_index, SearchQuery\n"
    "index = open_index(Settings()); opened = time.perf_counter()\n"
    "index.search(SearchQuery(text='窓口'))\n"
    "print(f'{opened - t:.3f}', 'torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
)


def main(runs: int = 5) -> None:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [KB, "search", "書かない窓口", "--limit", "5"], check=True, capture_output=True, cwd=ROOT
        )
        times.append(time.perf_counter() - started)
    out = subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True, text=True, cwd=ROOT)
    open_s, torch, st = out.stdout.split()
    print(
        f"kb search (one shot, {runs} runs): median {statistics.median(times):.2f} s, min {min(times):.2f} s"
    )
    print(f"open_index: {float(open_s):.2f} s; torch imported: {torch}; sentence_transformers imported: {st}")


if __name__ == "__main__":
    main()
