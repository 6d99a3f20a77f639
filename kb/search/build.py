"""`kb build`: corpus → index/. Re-embeds only the cases that changed; a crash leaves the old index serving.

Layout of index/: `manifest.json` (the commit point), `build-<id>/` (lexical/, bigram/, dense.faiss, vectors.npy) and
`models/chive-<recipe>/` (the default static model, made once from ja-ginza and reused by later builds).
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kb.corpus import Corpus, load_corpus
from kb.errors import KBError
from kb.search.chive import ensure_static_model
from kb.search.dense import VectorStore
from kb.search.documents import Document, case_hash
from kb.search.embed import make_embedder, model_identity
from kb.search.lexical import LexicalIndex
from kb.search.manifest import Manifest
from kb.search.synonyms import load_synonyms
from kb.search.tokenize import TOKENIZER_NAME, Analyzer
from kb.settings import Settings


@dataclass
class BuildReport:
    index_dir: Path
    build_id: str
    cases: int
    embedded: int
    reused: int
    model: str
    dims: int
    ann: str
    seconds: float
    model_built: bool = False

    def __str__(self) -> str:
        made = " (モデルを ja-ginza の chiVe から作成)" if self.model_built else ""
        return (
            f"索引を作成しました: {self.index_dir} (build {self.build_id})\n"
            f"  事例 {self.cases} 件 / 埋め込み {self.embedded} 件・再利用 {self.reused} 件\n"
            f"  モデル {self.model}{made} / {self.dims} 次元 / ベクトル索引 {self.ann} / {self.seconds:.1f} 秒"
        )


def _previous(index_dir: Path) -> Manifest | None:
    try:
        return Manifest.load(index_dir)
    except KBError:
        return None


def _reusable(previous: Manifest | None, index_dir: Path, expected: dict) -> dict[str, np.ndarray]:
    """Vectors of the previous build by case hash, when it used the same model and text pipeline."""
    if previous is None or any(getattr(previous, k) != v for k, v in expected.items()):
        return {}
    path = index_dir / previous.artifacts / "vectors.npy"
    if not path.exists():
        return {}
    vectors = np.load(path)
    return {h: vectors[i] for i, h in enumerate(previous.cases.values()) if i < len(vectors)}


def build_index(settings: Settings, progress: bool = False, corpus: Corpus | None = None) -> BuildReport:
    """Build the index for `settings.corpus` (or the given corpus) into `settings.index`."""
    started = time.perf_counter()
    corpus = _non_empty(corpus or load_corpus(settings.corpus))
    index_dir = settings.index
    index_dir.mkdir(parents=True, exist_ok=True)
    synonyms = load_synonyms(settings.corpus)
    analyzer = Analyzer(synonyms)
    identity, model_dir, model_built = _model(settings)
    labels = corpus.theme_labels()
    docs = [Document(case, analyzer, labels) for case in corpus.cases]
    hashes = [case_hash(case, labels) for case in corpus.cases]
    expected = {"model": identity, "tokenizer": TOKENIZER_NAME, "synonyms": synonyms.digest}
    old = _reusable(_previous(index_dir), index_dir, expected)
    embedder = make_embedder(identity, analyzer, model_dir)
    vectors, embedded = _vectors(docs, hashes, old, lambda todo: embedder.embed_documents(todo, progress))
    build_id, store = _write_build(index_dir, docs, vectors, settings.ann_threshold)
    seconds = time.perf_counter() - started
    Manifest(
        build_id=build_id,
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        artifacts=f"build-{build_id}",
        model=identity,
        model_dir=str(model_dir.relative_to(index_dir)) if model_dir else None,
        tokenizer=TOKENIZER_NAME,
        synonyms=synonyms.digest,
        dims=vectors.shape[1],
        ann=store.kind,
        ann_threshold=settings.ann_threshold,
        cases=dict(zip((c.id for c in corpus.cases), hashes, strict=True)),
        build_seconds=round(seconds, 2),
    ).save(index_dir)
    _remove_old_builds(index_dir, keep=f"build-{build_id}")
    return BuildReport(
        index_dir, build_id, len(docs), embedded, len(docs) - embedded, identity["name"], vectors.shape[1],
        store.kind, seconds, model_built,
    )  # fmt: skip


def _non_empty(corpus: Corpus) -> Corpus:
    if not corpus.cases:
        raise KBError(f"コーパス ({corpus.root}) に事例がありません。cases/ に事例ファイルを置いてください。")
    return corpus


def _model(settings: Settings) -> tuple[dict[str, Any], Path | None, bool]:
    """The embedding model's identity; for the default static model also its folder, and whether it was made now."""
    identity = model_identity(settings.embed_model, settings.query_prefix, settings.document_prefix)
    if identity["kind"] != "static":
        return identity, None, False
    return identity, *ensure_static_model(settings.index)


def _vectors(
    docs: list[Document],
    hashes: list[str],
    old: dict[str, np.ndarray],
    embed: Callable[[list[Document]], np.ndarray],
) -> tuple[np.ndarray, int]:
    """One vector per document: the previous build's where its hash is unchanged, else freshly embedded."""
    todo = [i for i, h in enumerate(hashes) if h not in old]
    fresh = embed([docs[i] for i in todo]) if todo else None
    dims = fresh.shape[1] if fresh is not None else next(iter(old.values())).shape[0]
    vectors = np.zeros((len(docs), dims), dtype=np.float32)
    for i, h in enumerate(hashes):
        if h in old:
            vectors[i] = old[h]
    if fresh is not None:
        vectors[todo] = fresh
    return vectors, len(todo)


def _write_build(
    index_dir: Path, docs: list[Document], vectors: np.ndarray, ann_threshold: int
) -> tuple[str, VectorStore]:
    """Write a new build's artifacts into a temp folder, then rename it into place (a crash leaves no half
    build); its id and vector store."""
    build_id = dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    tmp = index_dir / f".tmp-{build_id}"
    tmp.mkdir()
    try:
        LexicalIndex.build([d.terms() for d in docs]).save(tmp / "lexical")
        LexicalIndex.build([d.char_terms() for d in docs]).save(tmp / "bigram")
        store = VectorStore.build(vectors, ann_threshold)
        store.save(tmp / "dense.faiss")
        np.save(tmp / "vectors.npy", vectors)
        (tmp / "build-complete").touch()
        tmp.rename(index_dir / f"build-{build_id}")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return build_id, store


def _remove_old_builds(index_dir: Path, keep: str) -> None:
    """Earlier builds, and temp folders that a killed build left more than an hour ago."""
    hour_ago = time.time() - 3600
    for folder in [*index_dir.glob("build-*"), *index_dir.glob(".tmp-*")]:
        if folder.name != keep and (folder.name.startswith("build-") or folder.stat().st_mtime < hour_ago):
            shutil.rmtree(folder, ignore_errors=True)
