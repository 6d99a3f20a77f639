"""The dense leg's store: case vectors in FAISS, ids = positions of cases in the index.

`IndexIDMap2` over exact inner product (`IndexFlatIP`) for corpora up to `ann_threshold` cases, over HNSW above
it. Filters are FAISS id selectors, so the top k are the best *allowed* cases; when HNSW cannot fill k under a
narrow filter, the allowed cases are scored exactly instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 96
# With fewer allowed cases than this, scoring them all is cheaper than a filtered graph walk.
EXACT_BELOW = 2_000


def search_parameters(hnsw: bool) -> Any:
    kind = "SearchParametersHNSW" if hnsw else "SearchParameters"
    return getattr(faiss, kind)()


class VectorStore:
    def __init__(self, index: Any):  # an IndexIDMap2; faiss' type stubs know little of its SWIG classes
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray, ann_threshold: int) -> VectorStore:
        n, dims = vectors.shape
        base: faiss.Index
        if n > ann_threshold:
            base = faiss.IndexHNSWFlat(dims, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            base.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        else:
            base = faiss.IndexFlatIP(dims)
        index = faiss.IndexIDMap2(base)
        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.arange(n, dtype=np.int64))
        return cls(index)

    @property
    def kind(self) -> str:
        return "hnsw" if isinstance(faiss.downcast_index(self.index.index), faiss.IndexHNSW) else "flat"

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> VectorStore:
        return cls(faiss.read_index(str(path)))

    def vector(self, position: int) -> np.ndarray:
        return np.asarray(self.index.reconstruct(position), dtype=np.float32)

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The k best (position, inner product) among allowed cases, best first."""
        k = min(k, self.size if allowed is None else int(allowed.sum()))
        if k <= 0:
            return []
        hnsw = self.kind == "hnsw"
        if allowed is not None and hnsw and k < self.size and allowed.sum() < EXACT_BELOW:
            return self._exact(query, k, np.flatnonzero(allowed))
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params: Any = None
        bitmap = None
        if allowed is not None:
            bitmap = np.packbits(allowed, bitorder="little")
            selector = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bitmap))
            params = search_parameters(hnsw)
            params.sel = selector
        if hnsw:
            params = params or search_parameters(hnsw)
            params.efSearch = max(HNSW_EF_SEARCH, k)
        scores, ids = self.index.search(q, k, params=params)
        found = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        if allowed is not None and len(found) < k:  # the graph walk ran out under the filter
            return self._exact(query, k, np.flatnonzero(allowed))
        del bitmap  # kept alive until FAISS is done with it
        return found

    def _exact(self, query: np.ndarray, k: int, positions: np.ndarray) -> list[tuple[int, float]]:
        vectors = self.index.reconstruct_batch(positions.astype(np.int64))
        scores = vectors @ query.astype(np.float32)
        top = np.argsort(-scores, kind="stable")[:k]
        return [(int(positions[i]), float(scores[i])) for i in top]
