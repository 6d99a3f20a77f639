"""The offline default embedding model: a sentence-transformers `StaticEmbedding` made from ja-ginza's chiVe vectors.

ja-ginza ships chiVe (word2vec on NINJAL's web corpus, keyed by Sudachi normalized forms) pruned to 20,000
vectors shared by 480,443 keys; its key table is in corpus-frequency order, so a key's position is its rank.
We bake SIF weights a/(a+p(w)) into the rows, with p(w) from Zipf's law on that rank, so that the model's plain
mean is a frequency-weighted mean and common words do not dominate. Rare keys share the row of a frequent
neighbour but should weigh as rare words, so rows they point to get an unweighted twin.

The model (a normal sentence-transformers folder) is saved under `index/`; a small numpy table maps a word's
hash to its embedding id, so the query path needs neither spaCy nor torch.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
import os
import shutil
from importlib import util
from pathlib import Path

import numpy as np

from kb.errors import KBError

MODEL_NAME = "chive"
RECIPE = "ginza-chive/sif-zipf-1e-3/v1"
SIF_A = 1e-3
UNK = "[UNK]"


def ginza_vocab_dir() -> Path:
    """The `vocab/` folder of the installed ja_ginza model (vectors, key2row, strings.json)."""
    spec = util.find_spec("ja_ginza")
    if spec is None or not spec.submodule_search_locations:
        raise KBError("ja-ginza が見つかりません。`pip install ja-ginza` を実行してください。")
    for root in spec.submodule_search_locations:
        for vocab in sorted(Path(root).glob("ja_ginza-*/vocab")):
            if (vocab / "vectors").exists() and (vocab / "key2row").exists():
                return vocab
    raise KBError("ja-ginza にベクトル (vocab/vectors) がありません。ja-ginza を入れ直してください。")


def fingerprint() -> str:
    """What the default model is made of: the recipe and the ja-ginza version."""
    return f"{RECIPE}/ja-ginza-{importlib.metadata.version('ja-ginza')}"


def key_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def sif_weight(rank: int | np.ndarray, vocab_size: int) -> np.ndarray:
    """a / (a + p(w)) with p(w) = 1 / (rank+1) / H_N (Zipf)."""
    harmonic = math.log(vocab_size) + 0.5772
    p = 1.0 / ((np.asarray(rank, dtype=np.float64) + 1.0) * harmonic)
    return SIF_A / (SIF_A + p)


class WordTable:
    """word → embedding id, as sorted 64-bit hashes (loads in milliseconds; no 480k-entry dict)."""

    def __init__(self, hashes: np.ndarray, ids: np.ndarray):
        self.hashes = hashes
        self.ids = ids
        self._seen: dict[str, int | None] = {}  # words repeat a lot; bounded by the vocabulary of the texts

    def lookup(self, word: str) -> int | None:
        if word in self._seen:
            return self._seen[word]
        h = np.uint64(key_hash(word))
        i = int(np.searchsorted(self.hashes, h))
        found = int(self.ids[i]) if i < len(self.hashes) and self.hashes[i] == h else None
        if len(self._seen) < 1_000_000:
            self._seen[word] = found
        return found

    def save(self, path: Path) -> None:
        np.savez(path, hashes=self.hashes, ids=self.ids)

    @classmethod
    def load(cls, path: Path) -> WordTable:
        data = np.load(path)
        return cls(data["hashes"], data["ids"])


def _read_ginza() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Keys in rank order, their rows, and the vector matrix."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]
    from spacy.vectors import Vectors

    vocab = ginza_vocab_dir()
    vectors = Vectors().from_disk(vocab)
    strings = json.loads((vocab / "strings.json").read_text(encoding="utf-8"))
    by_hash = {hash_string(s): s for s in strings}
    keys, rows = [], []
    for key, row in vectors.key2row.items():
        if key in by_hash and not any(c.isspace() for c in by_hash[key]):
            keys.append(by_hash[key])
            rows.append(row)
    return keys, np.asarray(rows, dtype=np.int64), np.asarray(vectors.data, dtype=np.float32)


def build_static_model(target: Path) -> None:
    """Write the sentence-transformers model and the word table into `target` (a new folder)."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers

    keys, rows, matrix = _read_ginza()
    labels, weights, word_ids = _weighted_rows(len(keys), rows, matrix)
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(labels)}, unk_token=UNK))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    model = SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_weights=weights)], device="cpu")
    target.mkdir(parents=True)
    model.save(str(target))
    hashes = np.fromiter((key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
    order = np.argsort(hashes, kind="stable")
    WordTable(hashes[order], word_ids[order]).save(target / "words.npz")
    (target / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")


def _weighted_rows(
    n_keys: int, rows: np.ndarray, matrix: np.ndarray
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The embedding rows with SIF weights baked in, a label per row, and each key's row id.

    Id 0 is the unknown word (a zero vector); ids 1..n_rows are chiVe's rows as their owners weigh; then an
    unweighted-as-rare twin of each row that rare keys share.
    """
    n_rows = matrix.shape[0]
    owner = np.full(n_rows, -1, dtype=np.int64)  # rank of the key that owns each row
    for rank, row in enumerate(rows[:n_rows]):
        if rank == row:
            owner[row] = rank
    weights = sif_weight(np.where(owner >= 0, owner, n_rows), n_keys)
    rare_weight = float(sif_weight(n_rows, n_keys))
    labels = [UNK] + [f"r{r}" for r in range(n_rows)]
    twin: dict[int, int] = {}
    word_ids = np.empty(n_keys, dtype=np.int32)
    for rank, row in enumerate(rows):
        if owner[row] == rank or weights[row] > 0.98:
            word_ids[rank] = row + 1
            continue
        if row not in twin:
            twin[row] = len(labels)
            labels.append(f"r{row}~")
        word_ids[rank] = twin[row]
    emb = [
        np.zeros((1, matrix.shape[1]), np.float32),
        matrix * weights[:, None].astype(np.float32),
        matrix[list(twin)] * np.float32(rare_weight),
    ]
    return labels, np.concatenate(emb).astype(np.float32), word_ids


def load_embedding_matrix(model_dir: Path) -> np.ndarray:
    """The StaticEmbedding weights of a saved model, read with numpy (no torch)."""
    from safetensors.numpy import load_file

    for path in sorted(model_dir.rglob("model.safetensors")):
        tensors = load_file(path)
        if "embedding.weight" in tensors:
            return tensors["embedding.weight"]
    raise KBError(f"埋め込みモデル {model_dir} に重みがありません。`kb build` を実行してください。")


def ensure_static_model(index_dir: Path) -> tuple[Path, bool]:
    """The model folder under index/models/ for the current recipe; built (atomically) when missing."""
    name = "chive-" + hashlib.sha256(fingerprint().encode()).hexdigest()[:10]
    target = index_dir / "models" / name
    if (target / "words.npz").exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".tmp-{name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        build_static_model(tmp)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)  # a half-made model must not eat the next build's space
        raise
    return target, True
