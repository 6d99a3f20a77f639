"""Search filters (theme, region, level, band, outcome, year) and the per-case facet arrays they are applied to.

Values of one kind are OR-ed, kinds are AND-ed (CONTRACT §5). A filter becomes a boolean mask over the index's
cases before either retrieval leg runs, so a filtered-out case can never be returned and a filtered page is
filled with the best cases that pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from kb.case import Band, Case, Level, Outcome, Region
from kb.errors import InvalidParameter

THEME_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _values(raw: Iterable[str] | None) -> list[str]:
    """Repeated values and comma-separated lists both work: ?theme=a&theme=b or ?theme=a,b."""
    return [v.strip() for item in raw or [] for v in str(item).split(",") if v.strip()]


def _enum(param: str, raw: Iterable[str] | None, allowed: Iterable[str]) -> frozenset[str]:
    values, known = _values(raw), list(allowed)
    for v in values:
        if v not in known:
            raise InvalidParameter(param, f"不明な値「{v}」です。使える値: {', '.join(known)}")
    return frozenset(values)


def _year(param: str, value: int | str | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InvalidParameter(param, f"年は整数で指定してください (「{value}」)") from None
    if not 1900 <= year <= 2100:
        raise InvalidParameter(param, f"年の範囲外です ({year})")
    return year


@dataclass(frozen=True)
class Filters:
    themes: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    bands: frozenset[str] = frozenset()
    outcomes: frozenset[str] = frozenset()
    year_min: int | None = None
    year_max: int | None = None

    @classmethod
    def parse(
        cls,
        themes: Sequence[str] | None = None,
        regions: Sequence[str] | None = None,
        levels: Sequence[str] | None = None,
        bands: Sequence[str] | None = None,
        outcomes: Sequence[str] | None = None,
        year_min: int | str | None = None,
        year_max: int | str | None = None,
    ) -> Filters:
        """Check every value; None or [] means no filter of that kind. Theme ids are checked against the
        corpus when the query runs (`check_themes`), since themes.yaml may grow."""
        theme_values = _values(themes)
        for t in theme_values:
            if not THEME_ID.match(t):
                raise InvalidParameter("theme", f"未知のテーマIDです: 「{t}」")
        filters = cls(
            frozenset(theme_values),
            _enum("region", regions, (r.value for r in Region)),
            _enum("level", levels, (v.value for v in Level)),
            _enum("band", bands, (b.value for b in Band)),
            _enum("outcome", outcomes, (o.value for o in Outcome)),
            _year("year_min", year_min),
            _year("year_max", year_max),
        )
        if filters.year_min and filters.year_max and filters.year_min > filters.year_max:
            raise InvalidParameter("year_min", f"year_min ({filters.year_min}) が year_max より後です")
        return filters

    def check_themes(self, known: Iterable[str]) -> None:
        known = set(known)
        unknown = sorted(self.themes - known)
        if unknown:
            raise InvalidParameter(
                "theme", f"未知のテーマIDです: {', '.join(unknown)} (使えるID: {', '.join(sorted(known))})"
            )

    @property
    def active(self) -> bool:
        kinds = (self.themes, self.regions, self.levels, self.bands, self.outcomes)
        return any(kinds) or self.year_min is not None or self.year_max is not None


def _code(value: object) -> str:
    return getattr(value, "value", "") if value is not None else ""


class Facets:
    """The filterable attributes of the indexed cases, as arrays in index order."""

    def __init__(self, cases: Sequence[Case]):
        self.size = len(cases)
        self.year = np.array([c.year for c in cases], dtype=np.int32)
        self._columns: dict[str, np.ndarray] = {
            "region": np.array([_code(c.region) for c in cases], dtype=object),
            "level": np.array([_code(c.level) for c in cases], dtype=object),
            "band": np.array([_code(c.band) for c in cases], dtype=object),
            "outcome": np.array([_code(c.outcome) for c in cases], dtype=object),
        }
        self._themes: dict[str, np.ndarray] = {}
        for i, case in enumerate(cases):
            for theme in case.themes:
                self._themes.setdefault(theme, np.zeros(self.size, dtype=bool))[i] = True

    def mask(self, filters: Filters) -> np.ndarray | None:
        """Which cases pass (None: all of them)."""
        if not filters.active:
            return None
        keep = np.ones(self.size, dtype=bool)
        if filters.themes:
            keep &= np.logical_or.reduce(
                [self._themes.get(t, np.zeros(self.size, bool)) for t in filters.themes]
            )
        for name, values in (
            ("region", filters.regions),
            ("level", filters.levels),
            ("band", filters.bands),
            ("outcome", filters.outcomes),
        ):
            if values:
                keep &= np.isin(self._columns[name], list(values))
        if filters.year_min is not None:
            keep &= self.year >= filters.year_min
        if filters.year_max is not None:
            keep &= self.year <= filters.year_max
        return keep
