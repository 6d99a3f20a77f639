"""Counts of cases by theme, region, level, population band and outcome: `kb stats`, `/api/facets` and the UI."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kb.case import Case

FACETS = ("theme", "region", "level", "band", "outcome")


def facet_counts(cases: Iterable[Case]) -> dict[str, dict[str, int]]:
    """facet → value → number of cases. A case counts once under each of its themes."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for case in cases:
        counts["theme"].update(case.themes)
        for name, value in (
            ("region", case.region),
            ("level", case.level),
            ("band", case.band),
            ("outcome", case.outcome),
        ):
            counts[name][value.value if value is not None else "unknown"] += 1
    return {name: dict(counter.most_common()) for name, counter in counts.items()}


def prefecture_count(cases: Iterable[Case]) -> int:
    """How many prefectures the named cases touch (by the lead body's code)."""
    return len({c.lead.code[:2] for c in cases if c.lead})
