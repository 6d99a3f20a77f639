"""The lexical leg: one bm25s index per field over the analyzer's terms; a case's score is their weighted sum.

bm25s gets pre-tokenized input (its own splitter cannot segment Japanese). Weighting whole fields keeps a
title match above a passing mention in a long summary, as BM25F does.
"""

from __future__ import annotations

import logging
from pathlib import Path

import bm25s
import numpy as np

from kb.search.documents import FIELDS

FIELD_WEIGHTS = {"title": 2.0, "body": 1.0, "tags": 0.5}
logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalIndex:
    def __init__(self, fields: dict[str, bm25s.BM25], size: int):
        self.fields = fields
        self.size = size

    @classmethod
    def build(cls, docs: list[dict[str, list[str]]]) -> LexicalIndex:
        fields = {}
        for name in FIELDS:
            retriever = bm25s.BM25(k1=1.2, b=0.75)
            # an empty field still needs a token so that bm25s keeps the document's row
            retriever.index([d[name] or [""] for d in docs], show_progress=False)
            fields[name] = retriever
        return cls(fields, len(docs))

    def save(self, folder: Path) -> None:
        for name, retriever in self.fields.items():
            retriever.save(str(folder / name))

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        return cls({name: bm25s.BM25.load(str(folder / name)) for name in FIELDS}, size)

    def known(self, terms: list[str]) -> list[str]:
        """The terms that occur in some case (others cannot score)."""
        return [t for t in terms if t and any(t in r.vocab_dict for r in self.fields.values())]

    def scores(self, terms: list[str]) -> np.ndarray:
        total = np.zeros(self.size, dtype=np.float32)
        for name, retriever in self.fields.items():
            present = [t for t in terms if t in retriever.vocab_dict]
            if present:
                total += FIELD_WEIGHTS[name] * retriever.get_scores(present)
        return total
