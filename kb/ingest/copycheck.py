"""The copy check: does a case's own prose (summary, lessons) copy its sources?

A run of 15 or more characters shared with a source's text (`kb.text.shared_runs`, compared without spaces
and in NFKC) is a copy: the corpus is written in our own words (corpus/README.md). The sources' text is read
from the ingest cache (`kb.ingest.store`, the pages `kb ingest` fetched), or from the file a draft was made
from; a source that is not there cannot be checked and is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.errors import CaseInvalid, IngestError, Problem
from kb.ingest.draft import PLACEHOLDER_URL
from kb.ingest.extract import read_file, read_snapshot
from kb.ingest.limits import LIMITS
from kb.ingest.store import PageStore
from kb.text import shared_runs
from kb.yamlfile import read_yaml

MIN_RUN = 15


@dataclass(frozen=True)
class CopiedRun:
    field: str  # summary, lessons.0 ...
    run: str
    source: str

    def __str__(self) -> str:
        return f"{self.field}: 出典と同じ {len(self.run)} 文字「{self.run}」({self.source})"


@dataclass
class CopyCheck:
    path: Path
    copied: list[CopiedRun] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # sources whose text was compared
    unchecked: list[str] = field(default_factory=list)  # sources whose text is not in the cache
    problems: list[Problem] = field(default_factory=list)  # the file could not be read

    @property
    def ok(self) -> bool:
        return not self.copied and not self.problems

    def lines(self) -> list[str]:
        """One line per finding, `kb validate` style: copied runs, an unreadable file, and — when none of its
        sources could be compared — that the case could not be checked."""
        unchecked = f"{self.path}: 確認できません(出典がキャッシュにありません): {'、'.join(self.unchecked)}"
        return [
            *(str(p) for p in self.problems),
            *(f"{self.path}: {run}" for run in self.copied),
            *([unchecked] if self.unchecked and not self.checked and not self.problems else []),
        ]


def source_of(given: str) -> str:
    """A provenance source without its list-item suffix (`…/2024#3` → `…/2024`)."""
    return given.split("#", 1)[0] if given.startswith(("http://", "https://")) else given


def source_text(source: str, store: PageStore) -> str | None:
    """The text of one source as ingest reads it: a cached page, or a local file; None when neither is there."""
    try:
        if source.startswith(("http://", "https://")):
            snap = store.load(source)
            return read_snapshot(snap, limits=LIMITS).text if snap is not None else None
        path = Path(source)
        return read_file(path, limits=LIMITS).text if path.is_file() else None
    except IngestError:
        return None


def sources_of(data: dict[str, Any]) -> list[str]:
    """Where a case (or draft) came from: its provenance source first, then every `sources[].url`."""
    provenance = data.get("provenance")
    given = [provenance.get("source")] if isinstance(provenance, dict) else []
    for source in data.get("sources") or []:
        given.append(source.get("url") if isinstance(source, dict) else None)
    found = [source_of(str(s)) for s in given if isinstance(s, str) and s and s != PLACEHOLDER_URL]
    return list(dict.fromkeys(found))


def prose_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, text) of the parts written in our own words: the summary and each lesson."""
    out = [("summary", data["summary"])] if isinstance(data.get("summary"), str) else []
    lessons = data.get("lessons") if isinstance(data.get("lessons"), list) else []
    return out + [
        (f"lessons.{i}", lesson) for i, lesson in enumerate(lessons or []) if isinstance(lesson, str)
    ]


def check_copy(path: Path, data: dict[str, Any], cache: Path) -> CopyCheck:
    """The summary's and lessons' runs of 15+ characters shared with each source found in the cache."""
    store, result = PageStore(cache), CopyCheck(path)
    for source in sources_of(data):
        text = source_text(source, store)
        if text is None:
            result.unchecked.append(source)
            continue
        result.checked.append(source)
        for name, prose in prose_of(data):
            result.copied += [CopiedRun(name, run, source) for run in shared_runs(prose, text, MIN_RUN)]
    return result


def check_files(paths: list[Path], cache: Path) -> list[CopyCheck]:
    """`kb check-copy`: the copy check of each case file (or draft) against its sources in the cache."""
    results = []
    for path in paths:
        try:
            doc = read_yaml(path)
        except CaseInvalid as e:
            results.append(CopyCheck(path, problems=e.problems))
            continue
        results.append(check_copy(path, doc.data if isinstance(doc.data, dict) else {}, cache))
    return results
