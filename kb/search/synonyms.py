"""Synonyms and 表記ゆれ: groups of phrases that mean the same thing to a searcher (`corpus/synonyms.yaml`).

Each group is compiled into term sequences with the same analyzer that indexes the corpus, so a group is found
in a text whichever variant it uses and however it is written. A match adds one group term (`≡代表形`) to the
lexical terms of both documents and queries, and tells the dense leg and snippets which words it covered.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kb.errors import KBError
from kb.yamlfile import FieldPath, read_yaml


class Token(Protocol):
    """What matching needs of a morpheme (kb.search.tokenize.Token has it): no import back into tokenize."""

    @property
    def term(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def content(self) -> bool: ...


GROUP_PREFIX = "≡"


@dataclass(frozen=True)
class SynonymMatch:
    """One occurrence of a group in a normalized text: its characters [start, end)."""

    group: int
    representative: str
    start: int
    end: int

    @property
    def group_term(self) -> str:
        return GROUP_PREFIX + self.representative


class SynonymTable:
    """Groups of variants; the first variant of a group is its representative.

    A variant is found two ways: as a sequence of content terms (robust to conjugation and okurigana), and as
    its written form aligned to morpheme boundaries (robust to segmentation that changes with context, as in
    ガバクラ → ガ+バクラ alone but ガバ+クラ before 移行). A written form inside a longer word never counts.
    """

    def __init__(self, groups: Sequence[Sequence[str]], digest: str = "none"):
        self.groups = [list(g) for g in groups]
        self.digest = digest
        self._patterns: dict[tuple[str, ...], int] = {}
        self._longest = 0
        self._written: dict[str, int] = {}
        self._regex: re.Pattern[str] | None = None

    def compile(self, terms_of: Callable[[str], list[str]], normalize: Callable[[str], str]) -> SynonymTable:
        """Turn each variant into the term sequence `terms_of` gives it (the analyzer without synonyms)."""
        for index, group in enumerate(self.groups):
            for variant in group:
                pattern = tuple(terms_of(variant))
                if pattern:
                    self._patterns.setdefault(pattern, index)
                    self._longest = max(self._longest, len(pattern))
                self._written.setdefault(normalize(variant).lower(), index)
        if self._written:
            alternatives = sorted(self._written, key=len, reverse=True)
            self._regex = re.compile("|".join(re.escape(v) for v in alternatives))
        return self

    def find(self, text: str, tokens: Sequence[Token]) -> list[SynonymMatch]:
        """Every group occurrence, longest first where two overlap, in text order."""
        spans = self._by_terms(tokens) + self._by_writing(text, tokens)
        spans.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[SynonymMatch] = []
        for m in spans:
            if not kept or m.start >= kept[-1].end:
                kept.append(m)
        return kept

    def _match(self, group: int, start: int, end: int) -> SynonymMatch:
        return SynonymMatch(group, self.groups[group][0], start, end)

    def _by_terms(self, tokens: Sequence[Token]) -> list[SynonymMatch]:
        content = [t for t in tokens if t.content]
        terms = [t.term for t in content]
        found: list[SynonymMatch] = []
        i = 0
        while i < len(terms):
            for size in range(min(self._longest, len(terms) - i), 0, -1):
                group = self._patterns.get(tuple(terms[i : i + size]))
                if group is not None:
                    found.append(self._match(group, content[i].start, content[i + size - 1].end))
                    i += size
                    break
            else:
                i += 1
        return found

    def _by_writing(self, text: str, tokens: Sequence[Token]) -> list[SynonymMatch]:
        if self._regex is None:
            return []
        starts = {t.start for t in tokens}
        ends = {t.end for t in tokens}
        lowered = text.lower()
        return [
            self._match(self._written[m.group()], m.start(), m.end())
            for m in self._regex.finditer(lowered)
            if m.start() in starts and m.end() in ends
        ]


def load_synonyms(corpus_dir: Path) -> SynonymTable:
    """The corpus' synonym groups (none when the file is absent); the digest identifies them in the manifest.

    Read like every curator file (`read_yaml`: size limit, UTF-8 and syntax errors with their line); a group
    that is not a list of two or more phrases is named by its line.
    """
    path = corpus_dir / "synonyms.yaml"
    if not path.exists():
        return SynonymTable([])
    file = read_yaml(path)
    data = file.data or []
    where: FieldPath = ("groups",) if isinstance(data, dict) else ()
    groups = data.get("groups", []) if isinstance(data, dict) else data
    if not isinstance(groups, list):
        raise _malformed(path, file.line_of(where))
    for i, group in enumerate(groups):
        if not _is_group(group):
            raise _malformed(path, file.line_of((*where, i)))
    # The digest is of the groups, not the bytes: a comment or layout change does not make the index stale.
    digest = hashlib.sha256(json.dumps(groups, ensure_ascii=False).encode()).hexdigest()[:16]
    return SynonymTable(groups, digest)


def _malformed(path: Path, line: int) -> KBError:
    return KBError(f"{path}:{line}: 同義語は「2語以上の文字列のリスト」のリストで書いてください。")


def _is_group(group: object) -> bool:
    return (
        isinstance(group, list) and len(group) >= 2 and all(isinstance(v, str) and v.strip() for v in group)
    )
