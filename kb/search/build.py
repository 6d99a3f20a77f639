"""`kb build`: corpus → index/. Re-embeds only the cases that changed; a crash leaves the old index serving.

Layout of index/: `manifest.json` (the commit point), `build-<id>/` (lexical/, bigram/, dense.faiss,
vectors.npy) and `models/chive-<recipe>/` (the default static model, made once from ja-ginza and reused).

Builds and readers share the folder safely:
- one build at a time: a build holds `index/.build.lock` (flock) from start to end; a second one waits;
- a build's files are fsynced before the manifest points at them;
- the previous build stays after the manifest moves on, so a reader (or a server) that read the old manifest a
  moment ago can still open its files; only builds older than that are removed, and never the one the manifest
  names. Temp folders left by a killed build are removed by the next build (it holds the lock, so they are dead);
- a full disk or a read-only folder is one Japanese message, and the half-written build is removed.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def _reusable(previous: Manifest | None, index_dir: Path, expected: dict[str, Any]) -> dict[str, np.ndarray]:
    """Vectors of the previous build by case hash, when it used the same model and text pipeline."""
    if previous is None or any(getattr(previous, k) != v for k, v in expected.items()):
        return {}
    path = index_dir / previous.artifacts / "vectors.npy"
    if not path.exists():
        return {}
    vectors = np.load(path)
    return {h: vectors[i] for i, h in enumerate(previous.cases.values()) if i < len(vectors)}


LOCK = ".build.lock"
KEEP = 2  # the current build and the one before it


@contextmanager
def build_lock(index_dir: Path, wait_message: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold index/.build.lock; if another build holds it, say so once and wait for it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if wait_message:
                wait_message()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _disk_error(e: OSError, index_dir: Path) -> KBError:
    if e.errno == errno.ENOSPC:
        return KBError(
            f"ディスクの空きが足りず、索引を書けませんでした ({index_dir})。空きを作って `kb build` をやり直してください。元の索引はそのまま使えます。"
        )
    if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return KBError(
            f"索引のフォルダに書き込めません ({index_dir}: {e.strerror})。書き込める場所を --index で指定してください。"
        )
    return KBError(
        f"索引を書けませんでした ({e.filename or index_dir}: {e.strerror})。元の索引はそのまま使えます。"
    )


def build_index(settings: Settings, progress: bool = False, corpus: Corpus | None = None) -> BuildReport:
    """Build the index for `settings.corpus` (or the given corpus) into `settings.index`."""
    corpus = _non_empty(corpus or load_corpus(settings.corpus))
    try:
        waiting = (
            (lambda: print("別の kb build が実行中です。終わるのを待っています…", file=sys.stderr))
            if progress
            else None
        )
        with build_lock(settings.index, waiting):
            _remove_leftovers(settings.index)
            return _build(settings, corpus, progress)
    except OSError as e:
        raise _disk_error(e, settings.index) from None


def _build(settings: Settings, corpus: Corpus, progress: bool) -> BuildReport:
    started = time.perf_counter()
    index_dir = settings.index
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
    _remove_old_builds(index_dir)
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
        _fsync_tree(tmp)
        tmp.rename(index_dir / f"build-{build_id}")
        _fsync_dir(index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return build_id, store


def _fsync_tree(folder: Path) -> None:
    """Every file of a finished build on disk before the manifest names it (a power cut then leaves either
    the old index or the whole new one)."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as f:
                os.fsync(f.fileno())
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        _fsync_dir(path)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_leftovers(index_dir: Path) -> None:
    """Temp folders of builds that died (we hold the lock: no build is writing them), models' included."""
    for folder in [*index_dir.glob(".tmp-*"), *index_dir.glob("models/.tmp-*")]:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_old_builds(index_dir: Path) -> None:
    """All but the KEEP newest builds; never the one the manifest names, which a reader may be opening."""
    current = _previous(index_dir)
    named = f"build-{current.build_id}" if current else None
    builds = sorted(index_dir.glob("build-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for folder in builds[KEEP:]:
        if folder.name != named:
            shutil.rmtree(folder, ignore_errors=True)
