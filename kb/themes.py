"""The theme taxonomy (CONTRACT §2): ids, Japanese labels and one-line descriptions from `corpus/themes.yaml`."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, TypeAdapter


class Theme(BaseModel):
    id: str
    label: str
    description: str


def load_themes(corpus_dir: Path) -> list[Theme]:
    path = corpus_dir / "themes.yaml"
    with path.open(encoding="utf-8") as f:
        return TypeAdapter(list[Theme]).validate_python(yaml.safe_load(f))
