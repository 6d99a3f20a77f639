"""`kb eval`: retrieval quality on judged queries (`tests/eval/queries.yaml`), per leg, fused, and against two
baselines a technical user could set up in an hour (SQLite FTS5 with its trigram tokenizer, and BM25 over
character bigrams of the whole case text: `kb.search.baselines`).

Each query is a staff member's need in their own words with graded judgments (2 = what they are looking for,
1 = useful to them) and a kind: `theme`, `named` (one known initiative), `place` (place or size is the point),
`failure`. Measures (ir-measures): nDCG@10, Recall@5 and MRR@10 over all queries; success@5 (a grade-2 case in
the top 5) over named queries; precision@5 over theme queries; nDCG@10 over place queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import ir_measures
from ir_measures import Qrel, ScoredDoc

from kb.errors import KBError
from kb.search.index import Index, open_index
from kb.search.results import Mode, SearchQuery
from kb.settings import Settings
from kb.yamlfile import read_yaml

DEPTH = 100
KINDS = ("theme", "named", "place", "failure")
# column → (measure, the kinds of query it is averaged over; None = all)
MEASURES: dict[str, tuple[Any, tuple[str, ...] | None]] = {
    "nDCG@10": (ir_measures.nDCG @ 10, None),
    "Recall@5": (ir_measures.R @ 5, None),
    "MRR@10": (ir_measures.RR @ 10, None),
    "named S@5": (ir_measures.Success(rel=2) @ 5, ("named",)),
    "theme P@5": (ir_measures.P @ 5, ("theme",)),
    "place nDCG": (ir_measures.nDCG @ 10, ("place",)),
}
Ranker = Callable[[str], list[str]]  # query text → case ids, best first


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    text: str
    relevant: dict[str, int]
    kind: str = "theme"


@dataclass
class EvalTable:
    queries: int
    scores: dict[str, dict[str, float]]  # mode -> measure -> value
    unknown: list[str] = field(default_factory=list)  # judged ids missing from the corpus
    counts: dict[str, int] = field(default_factory=dict)  # kind -> queries


def load_queries(path: Path) -> list[JudgedQuery]:
    """The judged queries, read like every curator file (`read_yaml`); a malformed entry is named by its line."""
    if not path.exists():
        raise KBError(f"判定付きクエリ集 {path} がありません。")
    file = read_yaml(path)
    if not isinstance(file.data or [], list):
        raise KBError(f"{path}:1: 判定付きクエリ集は query と relevant を持つ項目のリストで書いてください。")
    return [_judged(item, i, path, file.line_of((i - 1,))) for i, item in enumerate(file.data or [], 1)]


def _judged(item: Any, i: int, path: Path, line: int) -> JudgedQuery:
    relevant = item.get("relevant") if isinstance(item, dict) else None
    if not isinstance(relevant, dict) or not relevant or not item.get("query"):
        raise KBError(f"{path}:{line}: {i} 件目に query と relevant (事例ID: 1 か 2) が必要です。")
    try:
        grades = {str(k): int(v) for k, v in relevant.items()}
    except (TypeError, ValueError):
        raise KBError(f"{path}:{line}: {i} 件目の relevant の値は 1 か 2 で書いてください。") from None
    kind = str(item.get("kind", "theme"))
    if kind not in KINDS:
        raise KBError(f"{path}:{line}: {i} 件目の kind は {'・'.join(KINDS)} のどれかです (「{kind}」)。")
    return JudgedQuery(str(item.get("id", f"q{i:02d}")), str(item["query"]), grades, kind)


def score_run(queries: list[JudgedQuery], rank: Ranker) -> dict[str, float]:
    """Every measure of MEASURES for one ranking function."""
    run = [
        ScoredDoc(q.id, case_id, float(DEPTH - position))
        for q in queries
        for position, case_id in enumerate(rank(q.text)[:DEPTH])
    ]
    out = {}
    for name, (measure, kinds) in MEASURES.items():
        chosen = [q for q in queries if kinds is None or q.kind in kinds]
        if not chosen:
            continue
        ids = {q.id for q in chosen}
        qrels = [Qrel(q.id, case_id, grade) for q in chosen for case_id, grade in q.relevant.items()]
        value = ir_measures.calc_aggregate([measure], qrels, [d for d in run if d.query_id in ids])[measure]
        out[name] = float(value)
    return out


def index_ranker(index: Index, mode: str, **options: Any) -> Ranker:
    def rank(text: str) -> list[str]:
        result = index.search(SearchQuery(text=text, limit=DEPTH, mode=mode, **options))  # type: ignore[arg-type]
        return [h.case.id for h in result.hits]

    return rank


def run_eval(
    settings: Settings,
    queries_path: Path,
    index: Index | None = None,
    modes: Iterable[str] | None = None,
    baselines: bool = True,
) -> EvalTable:
    """Search every judged query in each mode (and with each baseline) and aggregate the measures."""
    index = index or open_index(settings)
    queries = load_queries(queries_path)
    unknown = sorted({cid for q in queries for cid in q.relevant if cid not in index.corpus})
    scores = {mode: score_run(queries, index_ranker(index, mode)) for mode in modes or get_args(Mode)}
    if baselines:
        from kb.search.baselines import bigram_bm25, fts5_trigram

        scores["fts5-trigram"] = score_run(queries, fts5_trigram(index))
        scores["bigram-bm25"] = score_run(queries, bigram_bm25(index))
    counts = {kind: sum(q.kind == kind for q in queries) for kind in KINDS}
    return EvalTable(len(queries), scores, unknown, counts)


def format_table(table: EvalTable) -> str:
    names = list(MEASURES)
    kinds = "、".join(f"{kind} {n}" for kind, n in table.counts.items() if n)
    lines = [
        f"判定付きクエリ {table.queries} 件 ({kinds})",
        f"{'mode':<14}" + "".join(f"{n:>12}" for n in names),
    ]
    for mode, values in table.scores.items():
        lines.append(
            f"{mode:<14}" + "".join(f"{values[n]:>12.3f}" if n in values else f"{'—':>12}" for n in names)
        )
    if table.unknown:
        lines.append(f"注意: コーパスにない事例IDが判定にあります: {', '.join(table.unknown)}")
    return "\n".join(lines)
