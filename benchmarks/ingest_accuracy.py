"""How often `kb ingest` gets a page right: lead body, year, main theme and the duplicate flag, on saved pages.

    python benchmarks/ingest_accuracy.py FOLDER [--corpus corpus] [--show]

FOLDER holds the pages (.html/.htm/.pdf/.txt) and `expected.yaml`, a list under `pages:` with, for each `file`:
`lead` (the registry name of the body that performs the initiative), `year` (the start year the page states,
null when it states none: left out of the year score), `theme` (the acceptable main themes) and `known` (the id
of the curated case that already holds the initiative, or null). The pages are third-party text and are kept
outside the repository. Every page goes through `ingest_all` (offline, into a temporary folder), exactly as
`kb ingest FILE` would; the drafts are then compared with the expected answers.

Prints the share right per field, and with --show one line per page with what was wrong.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.ingest import ingest_all
from kb.settings import Settings

FIELDS = ("lead", "year", "theme", "duplicate")


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    counted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    false_flags: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, field_name: str, ok: bool, detail: str) -> None:
        self.counted[field_name] += 1
        self.right[field_name] += ok
        if not ok:
            self.misses.append(f"{name}: {field_name}: {detail}")


def _draft(entry_line: str) -> tuple[dict[str, Any] | None, str]:
    """The draft written for one report line (None when the input failed), and the line."""
    prefix = "下書きを書き出しました: "
    if not entry_line.startswith(prefix):
        return None, entry_line
    path = Path(entry_line.removeprefix(prefix).split(" [注意: ")[0])
    return yaml.safe_load(path.read_text(encoding="utf-8")), entry_line


def score_page(score: Score, expected: dict[str, Any], draft: dict[str, Any] | None, line: str) -> None:
    name = expected["file"]
    bodies = [m["name"] for m in (draft or {}).get("municipalities", [])]
    lead = bodies[0] if bodies else None
    score.add(name, "lead", lead == expected["lead"], f"{lead} (期待: {expected['lead']}) {line[:80]}")
    themes = (draft or {}).get("themes") or [None]
    score.add(name, "theme", themes[0] in expected["theme"], f"{themes} (期待: {expected['theme']})")
    if expected.get("year") is not None:
        year = (draft or {}).get("year")
        score.add(name, "year", year == expected["year"], f"{year} (期待: {expected['year']})")
    flagged = "重複の可能性" in line
    if expected.get("known"):
        right = flagged and f"{expected['known']}.yaml" in line
        score.add(
            name, "duplicate", right, f"{'別の事例' if flagged else '未検出'} (期待: {expected['known']})"
        )
    elif flagged:
        score.false_flags += 1
        score.misses.append(f"{name}: 余分な重複の指摘: {line.split('[注意: ')[-1][:80]}")


def measure(folder: Path, corpus: Path) -> Score:
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))["pages"]
    score = Score()
    with tempfile.TemporaryDirectory(prefix="kb-ingest-accuracy-") as tmp:
        settings = Settings(corpus=corpus, cache=Path(tmp) / "cache", ingest_delay=0.0)
        for page in expected:
            report = ingest_all(
                [str(folder / page["file"])], settings, out=Path(tmp) / "drafts", offline=True
            )
            draft, line = _draft(report.lines()[0])
            score_page(score, page, draft, line)
    return score


def table(score: Score) -> str:
    labels = {
        "lead": "主たる団体",
        "year": "年(記載のあるページ)",
        "theme": "主テーマ",
        "duplicate": "既知の取組の重複指摘",
    }
    rows = ["| 項目 | 正解 | 割合 |", "| --- | ---: | ---: |"]
    for name in FIELDS:
        right, counted = score.right[name], score.counted[name]
        share = f"{right / counted:.0%}" if counted else "—"
        rows.append(f"| {labels[name]} | {right}/{counted} | {share} |")
    rows.append(f"| 余分な重複の指摘(既知でないページ) | {score.false_flags} | — |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="pages and expected.yaml")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--show", action="store_true", help="one line per wrong answer")
    args = parser.parse_args()
    score = measure(args.folder, args.corpus)
    print(table(score))
    if args.show:
        print("\n".join(score.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
