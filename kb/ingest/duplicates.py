"""Is a draft already in the corpus? Compared with every curated case that can be read.

The live corpus may hold a file a researcher is still writing, so unreadable cases are skipped rather than
failing the ingest. A draft is flagged when a curated case of the same body cites the same URL, or when
`kb.validate.near_duplicate` finds its title or summary too close.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from kb.case import Case
from kb.errors import CaseInvalid
from kb.ingest.draft import PLACEHOLDER_URL, Draft
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


def duplicate_of(draft: Draft, curated: dict[Path, Case]) -> str | None:
    """「corpus/cases/x.yaml (理由)」 for the first curated case the draft seems to repeat, else None."""
    urls = {s.url for s in draft.sources} - {PLACEHOLDER_URL}
    for path, case in curated.items():
        if _same_body(draft, case) and urls & {s.url for s in case.sources}:
            return f"{path} (同じ出典)"
        reason = near_duplicate(draft, case)
        if reason:
            return f"{path} ({reason})"
    return None
