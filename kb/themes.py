"""The theme taxonomy (docs/interfaces.md §2): ids, Japanese labels and one-line descriptions from `corpus/themes.yaml`."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from kb.errors import CaseInvalid, CorpusMissing, Problem
from kb.yamlfile import read_yaml

SHAPE = "テーマは id・label・description (どれも文字列) を持つ項目のリストで書いてください"


class Theme(BaseModel):
    id: str
    label: str
    description: str


def load_themes(corpus_dir: Path) -> list[Theme]:
    """The corpus' themes. Raises `CorpusMissing` when the folder has no themes.yaml, and `CaseInvalid`
    naming file and line when the file cannot be read or is not a list of {id, label, description}."""
    path = corpus_dir / "themes.yaml"
    if not path.is_file():
        raise CorpusMissing(corpus_dir)
    doc = read_yaml(path)
    try:
        return TypeAdapter(list[Theme]).validate_python(doc.data)
    except ValidationError as e:
        problems = [
            Problem(
                path,
                doc.line_of(tuple(err["loc"])),
                ".".join(map(str, err["loc"])),
                "必須項目がありません" if err["type"] == "missing" else SHAPE,
            )
            for err in e.errors()
        ]
        raise CaseInvalid(problems) from None
