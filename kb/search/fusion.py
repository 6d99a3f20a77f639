"""Rank fusion, as pure functions over ranked lists of case positions.

Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): score(d) = Σ 1/(k + rank). It needs no score
calibration between BM25 and cosine, which live on unrelated scales.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

RRF_K = 60
LIKE_SHARE = 0.4  # with --like, this share of the final score is likeness, the rest relevance
# Relevance of the n-th result is exp(-(n-1)/decay): likeness reorders within about the top ten.
RELEVANCE_DECAY = 10


def rrf(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Fuse best-first lists of positions; ties keep the order of first appearance."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, position in enumerate(ranking, 1):
            scores[position] = scores.get(position, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def blend_likeness(ranked: Sequence[int], likeness: dict[int, float]) -> list[tuple[int, float]]:
    """Re-rank relevance-ordered positions by relevance and likeness of the user's town."""
    blended = [
        (p, (1 - LIKE_SHARE) * math.exp(-i / RELEVANCE_DECAY) + LIKE_SHARE * likeness[p])
        for i, p in enumerate(ranked)
    ]
    return sorted(blended, key=lambda item: -item[1])
