"""Search filters over the facets of `kb.facets`, and the per-case value masks they are applied to.

Values of one facet are OR-ed, facets are AND-ed (docs/interfaces.md §5); a year range narrows further. A filter becomes
a boolean mask over the index's cases before either retrieval leg runs, so a filtered-out case can never be
returned and a filtered page is filled with the best cases that pass. For a facet a case may leave unstated, the
value `unstated` selects the cases without it (「不明を含む」).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from kb.case import Case
from kb.errors import InvalidParameter
from kb.facets import BY_NAME, FACETS, UNSTATED, Facet, labels_with_unstated

if TYPE_CHECKING:
    from kb.corpus import Corpus

YEAR_RANGE = (1900, 2100)


def _values(raw: Iterable[str] | str | None) -> list[str]:
    """Repeated values and comma-separated lists both work: ?theme=a&theme=b or ?theme=a,b."""
    items = [raw] if isinstance(raw, str) else list(raw or [])
    return [v.strip() for item in items for v in str(getattr(item, "value", item)).split(",") if v.strip()]


def _canonical(facet: Facet, raw: Iterable[str] | str | None) -> frozenset[str]:
    chosen = set()
    for value in _values(raw):
        if facet.optional and value == UNSTATED:
            chosen.add(UNSTATED)
            continue
        canonical = facet.canonical(value)
        if canonical is None:
            raise InvalidParameter(facet.name, f"「{facet.title}」に「{value}」は使えません。{_hint(facet)}")
        chosen.add(canonical)
    return frozenset(chosen)


def _hint(facet: Facet) -> str:
    if not facet.fixed:
        return facet.help + "。"
    return "使える値: " + "、".join(
        f"{value}({label})" for value, label in labels_with_unstated(facet).items()
    )


def _year(param: str, value: int | str | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InvalidParameter(param, f"年は数字で指定してください (「{value}」)") from None
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise InvalidParameter(
            param, f"年は {YEAR_RANGE[0]}〜{YEAR_RANGE[1]} の範囲で指定してください ({year})"
        )
    return year


@dataclass(frozen=True)
class Filters:
    values: Mapping[str, frozenset[str]] = field(default_factory=dict)  # facet name → chosen values (OR)
    year_min: int | None = None
    year_max: int | None = None

    @classmethod
    def parse(
        cls,
        values: Mapping[str, Iterable[str] | str | None] | None = None,
        year_min: int | str | None = None,
        year_max: int | str | None = None,
    ) -> Filters:
        """Check every value against its facet; None or [] means no filter of that facet. Theme ids are
        checked against the corpus when the query runs (`check_known`), since themes.yaml may grow."""
        given = dict(values or {})
        unknown = sorted(set(given) - set(BY_NAME))
        if unknown:
            raise InvalidParameter(unknown[0], f"「{unknown[0]}」という絞り込みはありません")
        chosen = {f.name: _canonical(f, given.get(f.name)) for f in FACETS}
        filters = cls(
            {k: v for k, v in chosen.items() if v}, _year("year_min", year_min), _year("year_max", year_max)
        )
        if filters.year_min and filters.year_max and filters.year_min > filters.year_max:
            raise InvalidParameter(
                "year_min", f"開始年の下限 ({filters.year_min}) が上限 ({filters.year_max}) より後です"
            )
        return filters

    def of(self, name: str) -> frozenset[str]:
        return self.values.get(name, frozenset())

    def without(self, name: str) -> Filters:
        return replace(self, values={k: v for k, v in self.values.items() if k != name})

    def check_known(self, corpus: Corpus) -> None:
        """Theme ids the corpus does not define are an error (their form was checked by `parse`)."""
        known = {t.id for t in corpus.themes}
        unknown = sorted(self.of("theme") - known)
        if unknown:
            raise InvalidParameter(
                "theme", f"テーマID「{'、'.join(unknown)}」はありません。使えるID: {'、'.join(sorted(known))}"
            )

    @property
    def active(self) -> bool:
        return bool(self.values) or self.year_min is not None or self.year_max is not None


class Masks:
    """Each facet value of the indexed cases as a boolean array in index order (and `unstated`)."""

    def __init__(self, cases: Sequence[Case]):
        self.size = len(cases)
        self.year = np.array([c.year for c in cases], dtype=np.int32)
        self.columns: dict[str, dict[str, np.ndarray]] = {}
        for facet in FACETS:
            column: dict[str, np.ndarray] = {}
            for i, case in enumerate(cases):
                for value in facet.values_of(case) or ((UNSTATED,) if facet.optional else ()):
                    column.setdefault(value, np.zeros(self.size, dtype=bool))[i] = True
            self.columns[facet.name] = column

    def _facet(self, name: str, chosen: frozenset[str]) -> np.ndarray:
        column = self.columns[name]
        present = [column[v] for v in chosen if v in column]
        return np.logical_or.reduce(present) if present else np.zeros(self.size, dtype=bool)

    def mask(self, filters: Filters) -> np.ndarray | None:
        """Which cases pass (None: all of them)."""
        if not filters.active:
            return None
        keep = np.ones(self.size, dtype=bool)
        for name, chosen in filters.values.items():
            keep &= self._facet(name, chosen)
        if filters.year_min is not None:
            keep &= self.year >= filters.year_min
        if filters.year_max is not None:
            keep &= self.year <= filters.year_max
        return keep

    def counts(self, name: str, among: np.ndarray | None) -> dict[str, int]:
        """How many of the cases in `among` (None: all) have each value of a facet."""
        column = self.columns[name]
        if among is None:
            return {v: int(a.sum()) for v, a in column.items()}
        return {v: int(np.count_nonzero(a & among)) for v, a in column.items()}
