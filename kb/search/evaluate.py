"""`kb eval`: retrieval quality on judged queries (`tests/eval/queries.yaml`), per leg and fused.

Each query is a staff member's need in their own words with graded judgments (2 = what they are looking for,
1 = useful to them). Metrics come from ir-measures: nDCG@10 (graded), Recall@5 and MRR@10 (grade ≥ 1).
"""

from __future__ import annotations

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

MEASURES = {"nDCG@10": ir_measures.nDCG @ 10, "Recall@5": ir_measures.R @ 5, "MRR@10": ir_measures.RR @ 10}
DEPTH = 100


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    text: str
    relevant: dict[str, int]


@dataclass
class EvalTable:
    queries: int
    scores: dict[str, dict[str, float]]  # mode -> measure -> value
    unknown: list[str] = field(default_factory=list)  # judged ids missing from the corpus


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
    return JudgedQuery(str(item.get("id", f"q{i:02d}")), str(item["query"]), grades)


def run_eval(settings: Settings, queries_path: Path, index: Index | None = None) -> EvalTable:
    """Search every judged query in each mode and aggregate the metrics."""
    index = index or open_index(settings)
    queries = load_queries(queries_path)
    qrels = [Qrel(q.id, case_id, grade) for q in queries for case_id, grade in q.relevant.items()]
    unknown = sorted({cid for q in queries for cid in q.relevant if cid not in index.corpus})
    scores = {}
    for mode in get_args(Mode):
        run = []
        for q in queries:
            result = index.search(SearchQuery(text=q.text, limit=DEPTH, mode=mode))
            run += [ScoredDoc(q.id, h.case.id, float(DEPTH - rank)) for rank, h in enumerate(result.hits)]
        values = ir_measures.calc_aggregate(list(MEASURES.values()), qrels, run)
        scores[mode] = {name: float(values[measure]) for name, measure in MEASURES.items()}
    return EvalTable(len(queries), scores, unknown)


def format_table(table: EvalTable) -> str:
    names = list(MEASURES)
    lines = [f"判定付きクエリ {table.queries} 件", f"{'mode':<10}" + "".join(f"{n:>10}" for n in names)]
    for mode, values in table.scores.items():
        lines.append(f"{mode:<10}" + "".join(f"{values[n]:>10.3f}" for n in names))
    if table.unknown:
        lines.append(f"注意: コーパスにない事例IDが判定にあります: {', '.join(table.unknown)}")
    return "\n".join(lines)
