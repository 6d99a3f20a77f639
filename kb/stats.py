"""Counts of cases by theme, region, level, population band and outcome: `kb stats`, `/api/facets` and the UI."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kb.case import Case

FACETS = ("theme", "region", "level", "band", "outcome")
# Facets a case may leave empty: anonymous lessons have no level or region, many cases no population.
OPTIONAL = ("region", "level", "band")
UNSTATED = "unstated"


def facet_counts(cases: Iterable[Case]) -> dict[str, dict[str, int]]:
    """facet → value → number of cases, every value one a filter accepts; a case counts once under each of
    its themes. `unstated` → facet → cases that do not state it, so each optional facet's counts plus its
    unstated count add up to the number of cases."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    unstated: dict[str, int] = dict.fromkeys(OPTIONAL, 0)
    for case in cases:
        counts["theme"].update(case.themes)
        counts["outcome"][case.outcome.value] += 1
        for name, value in (("region", case.region), ("level", case.level), ("band", case.band)):
            if value is None:
                unstated[name] += 1
            else:
                counts[name][value.value] += 1
    return {**{name: dict(counter.most_common()) for name, counter in counts.items()}, UNSTATED: unstated}


def prefecture_count(cases: Iterable[Case]) -> int:
    """How many prefectures the named cases touch (by the lead body's code)."""
    return len({c.lead.code[:2] for c in cases if c.lead})
