"""The lexical legs: one bm25s index per field; a case's score is the fields' weighted sum (as BM25F does, a
title match outranks a passing mention in a long summary). bm25s gets pre-tokenized input (its own splitter
cannot segment Japanese), in two forms:

- morphological: the analyzer's lemma terms and synonym groups (`Document.terms`);
- character bigrams of the same fields, NFKC, lower-cased and kana-folded (`char_terms`), so proper nouns, new words
  (ますトラ, いたばしPay, ガバクラ) and compounds the analyzer splits differently still match.

A bigram match needs most of the query's bigrams (`coverage`), or every query would match every case that
shares one common pair of characters.
"""

from __future__ import annotations

import logging
from pathlib import Path

import bm25s
import numpy as np

from kb.search.documents import FIELDS
from kb.text import nfkc, to_hiragana

# Measured on the tuned judged set (benchmarks/README.md): a title weight of 1 rather than 2 scored higher on every
# measure (nDCG@10 0.819 → 0.823, theme P@5 0.617 → 0.632): a short field's BM25 already rewards a match in it.
FIELD_WEIGHTS = {"title": 1.0, "body": 1.0, "tags": 0.5}
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

    def coverage(self, terms: list[str]) -> np.ndarray:
        """Per case, the share of the distinct terms that occur in any of its fields."""
        distinct = list(dict.fromkeys(t for t in terms if t))
        found = np.zeros(self.size, dtype=np.float32)
        for term in distinct:
            present = np.zeros(self.size, dtype=bool)
            for retriever in self.fields.values():
                if term in retriever.vocab_dict:
                    present |= retriever.get_scores([term]) > 0
            found += present
        return found / max(1, len(distinct))

    def scores(self, terms: list[str]) -> np.ndarray:
        total = np.zeros(self.size, dtype=np.float32)
        for name, retriever in self.fields.items():
            present = [t for t in terms if t in retriever.vocab_dict]
            if present:
                total += FIELD_WEIGHTS[name] * retriever.get_scores(present)
        return total


def char_terms(text: str) -> list[str]:
    """Character bigrams of each whitespace-separated chunk (NFKC, lower-cased, katakana folded to hiragana so
    ちばれぽ finds ちばレポ); a one-character chunk as itself."""
    out: list[str] = []
    for chunk in to_hiragana(nfkc(text).lower()).split():
        out += [chunk] if len(chunk) == 1 else [chunk[i : i + 2] for i in range(len(chunk) - 1)]
    return out
