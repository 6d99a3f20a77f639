"""The records a search takes and gives: `SearchQuery` in, `SearchResult` of `Hit`s out.

The CLI, the HTTP API and the web page all render these same records; their JSON shape is `kb.shapes.SearchOut`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from kb.case import Case
from kb.municipalities import Municipality
from kb.search.filters import Filters

if TYPE_CHECKING:
    from kb.shapes import Interpretation

Mode = Literal["hybrid", "lexical", "bigram", "dense"]


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: Filters = field(default_factory=Filters)
    like: str | None = None  # a municipality name or code
    limit: int = 10
    offset: int = 0
    mode: Mode = "hybrid"  # lexical/dense alone exist to measure each leg (`kb eval`)
    understand: bool = True  # read places, size and outcome words in the text as soft preferences
    skip: frozenset[str] = frozenset()  # `facet:value` readings the user removed (a chip's ×)


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
    total_is_estimate: bool = False
    interpreted: Interpretation | None = None
    positions: tuple[int, ...] = ()  # every matching case's index position, best first (for facet counts)
