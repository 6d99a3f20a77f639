"""`index/manifest.json`: what an index was built from (model, tokenizer, dims, build id, a hash per case).

The manifest is the index's commit point: a build writes its artifacts into a fresh folder and then replaces
the manifest atomically, so a reader sees either the old index or the new one, never half of each. Opening an
index checks the manifest against the corpus and settings and names the fix when they differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kb.atomic import atomic_write
from kb.errors import IndexMissing, IndexStale

FORMAT = 1
FILE = "manifest.json"


class Manifest(BaseModel):
    format: int = FORMAT
    build_id: str
    created: str
    artifacts: str  # folder under index/ holding this build's files
    model: dict[str, Any]  # name, kind, dims, recipe or prefixes
    model_dir: str | None = None  # folder of the static model, relative to index/
    tokenizer: str
    synonyms: str  # digest of corpus/synonyms.yaml
    dims: int
    ann: str  # flat | hnsw
    ann_threshold: int
    cases: dict[str, str]  # id -> hash, in index order
    build_seconds: float = 0.0

    def save(self, index_dir: Path) -> None:
        atomic_write(index_dir / FILE, self.model_dump_json(indent=1).encode("utf-8"))

    @classmethod
    def load(cls, index_dir: Path) -> Manifest:
        path = index_dir / FILE
        if not path.exists():
            raise IndexMissing(index_dir)
        try:
            manifest = cls.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError:
            raise IndexStale(index_dir, "manifest.json が読めません (古い形式か壊れています)") from None
        if manifest.format != FORMAT:
            raise IndexStale(index_dir, f"索引の形式が古いです (形式 {manifest.format}、現在 {FORMAT})")
        if not (index_dir / manifest.artifacts).is_dir():
            raise IndexStale(index_dir, f"索引のファイル ({manifest.artifacts}) がありません")
        return manifest

    def check(self, index_dir: Path, expected: dict[str, Any], hashes: dict[str, str]) -> None:
        """Refuse an index built with other settings or from other cases; say what differs."""
        for key, label in (
            ("model", "埋め込みモデル"),
            ("tokenizer", "形態素解析の設定"),
            ("synonyms", "同義語辞書"),
        ):
            if key in expected and getattr(self, key) != expected[key]:
                raise IndexStale(
                    index_dir, f"{label}が違います (索引: {getattr(self, key)}、現在: {expected[key]})"
                )
        added = hashes.keys() - self.cases.keys()
        removed = self.cases.keys() - hashes.keys()
        changed = {i for i in hashes.keys() & self.cases.keys() if hashes[i] != self.cases[i]}
        if added or removed or changed:
            parts = [
                f"{label} {len(ids)} 件"
                for label, ids in (("追加", added), ("削除", removed), ("変更", changed))
                if ids
            ]
            example = sorted(added | removed | changed)[0]
            raise IndexStale(
                index_dir,
                f"索引の作成後に事例(またはそのテーマ名)が変わっています ({'、'.join(parts)}、例: {example})",
            )
