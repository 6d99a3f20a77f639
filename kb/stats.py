"""Counts of cases per value of each counted facet (`kb.facets`): `kb stats`, `/api/facets` and the overview."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kb.case import Case
from kb.facets import COUNTED, OPTIONAL, UNSTATED


def facet_counts(cases: Iterable[Case]) -> dict[str, dict[str, int]]:
    """facet → value → number of cases, every value one a filter accepts, most common first; a case counts once
    under each of its values (themes). `unstated` → facet → cases that do not state it, so each optional facet's
    single-valued counts plus its unstated count add up to the number of cases."""
    counts: dict[str, Counter[str]] = {f.name: Counter() for f in COUNTED}
    unstated = {f.name: 0 for f in COUNTED if f.name in OPTIONAL}
    for case in cases:
        for facet in COUNTED:
            values = facet.values_of(case)
            counts[facet.name].update(values)
            if not values and facet.name in unstated:
                unstated[facet.name] += 1
    return {**{name: dict(counter.most_common()) for name, counter in counts.items()}, UNSTATED: unstated}


def prefecture_count(cases: Iterable[Case]) -> int:
    """How many prefectures the named cases touch (by the lead body's code)."""
    return len({c.lead.code[:2] for c in cases if c.lead})
