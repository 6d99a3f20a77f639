"""Two baselines for `kb eval`, built the way a technical user would in an hour, over the same cases:

- `fts5_trigram`: SQLite FTS5 with its trigram tokenizer over each case's searchable text, the query's
  whitespace-separated words OR-ed as phrases, ranked by FTS5's bm25() (words under three characters cannot
  match a trigram index: that is part of the baseline);
- `bigram_bm25`: bm25s over the character bigrams of the whole text, one field.

They exist to be compared with, not to be served.
"""

from __future__ import annotations

import sqlite3

import bm25s
import numpy as np

from kb.search.documents import Document
from kb.search.evaluate import Ranker
from kb.search.index import Index
from kb.search.lexical import char_terms
from kb.text import nfkc


def _texts(index: Index) -> list[str]:
    labels = index.corpus.theme_labels()
    return [" ".join(Document(case, index.analyzer, labels).fields.values()) for case in index.cases]


def fts5_trigram(index: Index) -> Ranker:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(text, tokenize='trigram')")
    db.executemany("INSERT INTO docs(rowid, text) VALUES (?, ?)", enumerate(_texts(index)))
    ids = [case.id for case in index.cases]

    def rank(text: str) -> list[str]:
        words = [w for w in nfkc(text).split() if len(w) >= 3]
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = db.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 100", (match,))
        return [ids[r[0]] for r in rows]

    return rank


def bigram_bm25(index: Index) -> Ranker:
    retriever = bm25s.BM25()
    retriever.index([char_terms(t) or [""] for t in _texts(index)], show_progress=False)
    ids = [case.id for case in index.cases]

    def rank(text: str) -> list[str]:
        terms = [t for t in char_terms(text) if t in retriever.vocab_dict]
        if not terms:
            return []
        scores = retriever.get_scores(terms)
        top = np.argsort(-scores, kind="stable")[:100]
        return [ids[i] for i in top if scores[i] > 0]

    return rank
