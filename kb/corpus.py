"""The corpus: the one loader of curated cases, themes and the registry they refer to.

`load_corpus` validates every file and refuses a corpus with problems, so everything downstream (index,
search, web) can trust a `Corpus`. The registry it carries has the official figures of every body.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from kb.atomic import atomic_write
from kb.case import Case, case_json_schema
from kb.errors import CaseInvalid, CaseNotFound
from kb.municipalities import Registry, load_registry
from kb.themes import Theme, load_themes
from kb.validate import Validation, validate_files


def case_paths(corpus_dir: Path) -> list[Path]:
    return sorted((corpus_dir / "cases").glob("*.yaml"))


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; a corpus folder (one holding cases/) as its case files, not themes.yaml or drafts;
    any other folder as the .yaml files below it. Each file once, however many times it is named."""
    out: dict[Path, Path] = {}
    for p in paths:
        if p.is_dir():
            found = case_paths(p) if (p / "cases").is_dir() else sorted(p.rglob("*.yaml"))
        else:
            found = [p]
        for path in found:
            out.setdefault(path.resolve(), path)
    return list(out.values())


@dataclass
class Corpus:
    root: Path
    cases: list[Case]
    themes: list[Theme]
    registry: Registry
    paths: dict[str, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.cases}

    def get(self, case_id: str) -> Case:
        try:
            return self._by_id[case_id]
        except KeyError:
            raise CaseNotFound(case_id) from None

    def __contains__(self, case_id: object) -> bool:
        return case_id in self._by_id

    def theme_labels(self) -> dict[str, str]:
        return {t.id: t.label for t in self.themes}


def validate_paths(corpus_dir: Path, paths: list[Path] | None = None) -> Validation:
    """Validate the given files (default: the whole corpus) against the corpus' themes and the registry.
    A themes.yaml that cannot be read is the one problem reported: without it no case can be checked."""
    try:
        themes = {t.id for t in load_themes(corpus_dir)}
    except CaseInvalid as e:
        return Validation(problems=e.problems)
    everything = case_paths(corpus_dir)
    targets = expand_paths(paths) if paths else everything
    # The whole corpus must stay inside its folder; files named on the command line may be anywhere.
    root = None if paths else corpus_dir / "cases"
    return validate_files(targets, themes, load_registry(), reference=everything, root=root)


def validate_text(corpus_dir: Path, text: str, filename: str) -> Validation:
    """Validate a case file's text as if it were `corpus/cases/<filename>` (the web's 「事例を提案」 and its
    `POST /api/validate`): the same rules and messages as `kb validate`, with the file named by `filename`."""
    name = Path(filename).name if filename.endswith(".yaml") else f"{Path(filename).name or 'new-case'}.yaml"
    with tempfile.TemporaryDirectory(prefix="kb-validate-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        result = validate_paths(corpus_dir, [path])
    result.problems = [replace(p, path=Path(name)) for p in result.problems]
    return result


def load_corpus(corpus_dir: Path) -> Corpus:
    result = validate_paths(corpus_dir)
    if not result.ok:
        raise CaseInvalid(result.problems)
    return Corpus(corpus_dir, result.cases, load_themes(corpus_dir), load_registry(), result.paths)


def write_schema(corpus_dir: Path) -> Path:
    """corpus/schema.json: the case JSON Schema with this corpus' theme ids, for editors; written atomically."""

    target = corpus_dir / "schema.json"
    doc = case_json_schema([t.id for t in load_themes(corpus_dir)])
    atomic_write(target, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return target
