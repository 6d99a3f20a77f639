"""Is a draft already in the corpus? Compared with every curated case that can be read.

The live corpus may hold a file a researcher is still writing, so unreadable cases are skipped rather than
failing the ingest. A draft is flagged when a curated case of the same body cites the same URL, when
`kb.validate.near_duplicate` finds its title or summary too close, or when most of the initiative's words in
the draft's title (at least two: 「住民票」「LINE」「申請」) are in the case's title and summary.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from kb.case import Case
from kb.errors import CaseInvalid
from kb.ingest.draft import PLACEHOLDER_URL, Draft
from kb.ingest.ids import title_nouns
from kb.validate import near_duplicate
from kb.yamlfile import read_yaml


def curated_cases(corpus_dir: Path) -> dict[Path, Case]:
    cases = {}
    for path in sorted((corpus_dir / "cases").glob("*.yaml")):
        try:
            cases[path] = Case.model_validate(read_yaml(path).data)
        except (CaseInvalid, ValidationError, TypeError):
            continue
    return cases


def _same_body(a: Case, b: Case) -> bool:
    return (a.lead.code if a.lead else None) == (b.lead.code if b.lead else None)


SHARED_WORDS, SHARED_SHARE = 2, 0.6


def _same_words(words: list[str], case: Case) -> str | None:
    shared = [w for w in words if w in case.title or w in case.summary]
    if len(shared) >= SHARED_WORDS and len(shared) >= SHARED_SHARE * len(words):
        return f"取組の語が一致: {'・'.join(shared)}"
    return None


def duplicate_of(draft: Draft, curated: dict[Path, Case]) -> str | None:
    """「corpus/cases/x.yaml (理由)」 for the curated case the draft seems to repeat, else None: the same
    source first, then a near-duplicate title or summary, then the initiative's words."""
    urls = {s.url for s in draft.sources} - {PLACEHOLDER_URL}
    names = tuple(n for m in draft.municipalities for n in (m.name, m.name[-4:]))
    words = title_nouns(draft.title, names)
    same_body = [(path, case) for path, case in curated.items() if _same_body(draft, case)]

    def same_source(case: Case) -> str | None:
        return "同じ出典" if urls & {s.url for s in case.sources} else None

    def same_initiative(case: Case) -> str | None:
        return None if draft.anonymous else _same_words(words, case)

    for check in (same_source, lambda case: near_duplicate(draft, case), same_initiative):
        for path, case in same_body:
            if reason := check(case):
                return f"{path} ({reason})"
    return None
