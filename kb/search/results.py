"""The records a search takes and gives: `SearchQuery` in, `SearchResult` of `Hit`s out, and its JSON (CONTRACT §5).

The CLI's `--json`, the HTTP API and the web page all render these same records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from kb.case import Case
from kb.municipalities import Municipality
from kb.search.filters import Filters

Mode = Literal["hybrid", "lexical", "dense"]


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: Filters = field(default_factory=Filters)
    like: str | None = None  # a municipality name or code
    limit: int = 10
    offset: int = 0
    mode: Mode = "hybrid"  # lexical/dense alone exist to measure each leg (`kb eval`)


@dataclass(frozen=True)
class Hit:
    case: Case
    score: float
    snippet: str  # HTML-safe, matches in <mark>
    snippet_text: str  # plain, matches in 【】
    like_reason: str | None = None
    like_score: float | None = None


@dataclass(frozen=True)
class SearchResult:
    query: SearchQuery
    took_ms: float
    total: int
    hits: list[Hit]
    like: Municipality | None = None


def hit_to_json(hit: Hit) -> dict[str, Any]:
    c = hit.case
    return {
        "id": c.id,
        "title": c.title,
        "municipalities": [{"name": m.name, "code": m.code} for m in c.municipalities],
        "level": c.level.value if c.level else None,
        "population": c.population,
        "region": c.region.value if c.region else None,
        "themes": list(c.themes),
        "year": c.year,
        "outcome": c.outcome.value,
        "score": round(hit.score, 6),
        "snippet": hit.snippet,
        "url": c.url,
        "like_reason": hit.like_reason,
    }


def result_to_json(result: SearchResult) -> dict[str, Any]:
    """The CONTRACT §5 object (plus `like`, `offset`, `limit` and each result's `like_reason`)."""
    like = result.like
    return {
        "query": result.query.text,
        "took_ms": round(result.took_ms, 2),
        "total": result.total,
        "offset": result.query.offset,
        "limit": result.query.limit,
        "like": {"name": like.name, "code": like.code, "population": like.population} if like else None,
        "results": [hit_to_json(h) for h in result.hits],
    }
