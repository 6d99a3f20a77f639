"""Facet counts for the search page: how many cases each filter value would give, combined as CONTRACT §5 says.

Values of one kind are OR-ed and kinds AND-ed, so a value's count is taken over the cases that pass the *other*
kinds' filters (disjunctive faceting): ticking a second region adds its count, it does not shrink to zero.
The masks come from the library's own filter code (`kb.search.filters.Facets`), so counts and results agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from kb.case import FACET_LABELS, Case
from kb.corpus import Corpus
from kb.search import Filters
from kb.search.filters import Facets
from kb.stats import facet_counts

# (query parameter, Filters field, facet name in kb.stats, heading)
KINDS = (
    ("theme", "themes", "theme", "テーマ"),
    ("region", "regions", "region", "地方"),
    ("level", "levels", "level", "団体区分"),
    ("band", "bands", "band", "人口規模"),
    ("outcome", "outcomes", "outcome", "結果"),
)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Group:
    param: str
    title: str
    options: list[Option]


class FacetCounter:
    def __init__(self, corpus: Corpus):
        self.cases: list[Case] = list(corpus.cases)
        self._masks = Facets(self.cases)
        self._labels = {"theme": corpus.theme_labels(), **FACET_LABELS}

    def _passing(self, filters: Filters) -> list[Case]:
        mask = self._masks.mask(filters)
        if mask is None:
            return self.cases
        return [self.cases[i] for i in np.flatnonzero(mask)]

    def groups(self, filters: Filters) -> list[Group]:
        """Every value of every kind, in the taxonomy's order, with its count and whether it is ticked."""
        result = []
        for param, field, facet, title in KINDS:
            cleared: dict[str, Any] = {field: frozenset()}
            others = replace(filters, **cleared)
            counts = facet_counts(self._passing(others))[facet]
            chosen: frozenset[str] = getattr(filters, field)
            options = [
                Option(value, label, counts.get(value, 0), value in chosen)
                for value, label in self._labels[param].items()
            ]
            result.append(Group(param, title, options))
        return result
