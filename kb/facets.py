"""Facets: the one table of what cases can be filtered and counted by.

Each row says a facet's name (the query parameter, the CLI option and the JSON key), its Japanese title, its
values and their labels, how to read a case's values, and whether a case may leave it unstated (then the value
`unstated` selects those cases: 「不明を含む」). Filters and masks (`kb.search.filters`), counts (`kb.stats`),
the CLI options, the API parameters, the sidebar, the overview charts and the JSON schemas are derived from
this table, so adding a facet means adding a row here (and at most its label source).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kb.case import BAND_LABELS, LEVEL_LABELS, OUTCOME_LABELS, REGION_LABELS, Case, Level
from kb.municipalities import check_digit, load_registry
from kb.text import nfkc

if TYPE_CHECKING:
    from kb.corpus import Corpus

UNSTATED = "unstated"
UNSTATED_LABEL = "不明"


@dataclass(frozen=True)
class Facet:
    name: str  # query parameter, CLI option (--name), JSON key
    title: str  # Japanese heading
    help: str  # one line for --help and /docs
    values_of: Callable[[Case], tuple[str, ...]]  # a case's values; () = unstated
    labels: Mapping[str, str] | Callable[[Corpus], Mapping[str, str]]  # value → label, display order
    canonical: Callable[[str], str | None]  # a value as typed → the stored value, None if it cannot be one
    optional: bool = False  # cases may leave it unstated: `unstated` is a value
    sidebar: bool = True  # a checkbox group on the search page
    counted: bool = True  # in `kb stats`, /api/facets and the overview charts

    def value_labels(self, corpus: Corpus | None = None) -> dict[str, str]:
        """value → label in display order; facets whose values come from the corpus need it."""
        if callable(self.labels):
            if corpus is None:
                raise ValueError(f"facet {self.name} takes its labels from the corpus")
            return dict(self.labels(corpus))
        return dict(self.labels)

    @property
    def fixed(self) -> bool:
        """Its values are a fixed list (not the corpus' themes or the registry's bodies)."""
        return not callable(self.labels)


def _one(value: object) -> tuple[str, ...]:
    return (str(getattr(value, "value", value)),) if value is not None else ()


def _fixed(labels: Mapping[str, str]) -> Callable[[str], str | None]:
    return lambda v: v if v in labels else None


@functools.cache
def _prefecture_labels() -> dict[str, str]:
    """「01」→「北海道」 … 「47」→「沖縄県」, in code order."""
    bodies = sorted((b for b in load_registry() if b.level == Level.prefecture), key=lambda b: b.code)
    return {b.code[:2]: b.name for b in bodies}


def _prefecture_value(value: str) -> str | None:
    """「07」「7」 or 「福島県」/「福島」 → 「07」."""
    v = nfkc(value).replace(" ", "")
    labels = _prefecture_labels()
    if v.isdigit():
        return v.zfill(2) if v.zfill(2) in labels else None
    for number, name in labels.items():
        if v in (name, name if name == "北海道" else name[:-1]):
            return number
    return None


def _municipality_value(value: str) -> str | None:
    """A 6-digit code (or 5 digits, the check digit added) of a body in the registry."""
    v = nfkc(value).replace(" ", "")
    if not v.isdigit() or len(v) not in (5, 6):
        return None
    code = v if len(v) == 6 else v + check_digit(v)
    return code if load_registry().get(code) else None


def _theme_value(value: str) -> str | None:
    # Theme ids are checked against the corpus when a query runs (themes.yaml may grow); here only their form.
    v = value.strip()
    return v if v and all((c.isalnum() and c.isascii()) or c == "-" for c in v) and v.islower() else None


# What a case tells beyond its story: staff planning a visit or a budget look for these first.
DETAIL_LABELS = {"contact": "問い合わせ先", "cost": "費用", "metrics": "数値の成果"}


def _details(case: Case) -> tuple[str, ...]:
    present = {"contact": case.contact, "cost": case.cost, "metrics": case.metrics}
    return tuple(name for name, value in present.items() if value)


FACETS: tuple[Facet, ...] = (
    Facet(
        "theme",
        "テーマ",
        "テーマID (複数可・いずれかに当たれば該当)。一覧は /docs",
        lambda c: tuple(c.themes),
        lambda corpus: corpus.theme_labels(),
        _theme_value,
    ),
    Facet(
        "region",
        "地方",
        "地方 (複数可・いずれかに当たれば該当)",
        lambda c: _one(c.region),
        REGION_LABELS,
        _fixed(REGION_LABELS),
        optional=True,
    ),
    Facet(
        "prefecture",
        "都道府県",
        "都道府県名か2桁の番号 (例: 福島県、07。複数可・いずれかに当たれば該当)。共同の取組は参加団体の都道府県すべてで当たる",
        lambda c: tuple(dict.fromkeys(m.code[:2] for m in c.municipalities)),
        lambda corpus: _prefecture_labels(),  # the registry's, whatever the corpus
        _prefecture_value,
        optional=True,
        sidebar=False,
    ),
    Facet(
        "level",
        "団体区分",
        "団体区分 (複数可・いずれかに当たれば該当)",
        lambda c: _one(c.level),
        LEVEL_LABELS,
        _fixed(LEVEL_LABELS),
        optional=True,
    ),
    Facet(
        "band",
        "人口規模",
        "人口帯 (複数可・いずれかに当たれば該当)",
        lambda c: _one(c.band),
        BAND_LABELS,
        _fixed(BAND_LABELS),
        optional=True,
    ),
    Facet(
        "outcome",
        "結果",
        "結果 (複数可・いずれかに当たれば該当)",
        lambda c: _one(c.outcome),
        OUTCOME_LABELS,
        _fixed(OUTCOME_LABELS),
    ),
    Facet(
        "detail",
        "載っている情報",
        "事例が載せている情報 (contact=問い合わせ先、cost=費用、metrics=数値の成果。複数可・いずれかがあれば該当)",
        _details,
        DETAIL_LABELS,
        _fixed(DETAIL_LABELS),
        counted=False,
    ),
    Facet(
        "municipality",
        "自治体",
        "6桁の自治体コード (例: 322041。複数可・いずれかに当たれば該当)。共同の取組は参加団体のどれでも当たる",
        lambda c: tuple(m.code for m in c.municipalities),
        lambda corpus: {b.code: b.name for b in corpus.registry},
        _municipality_value,
        optional=True,
        sidebar=False,
        counted=False,
    ),
)
BY_NAME: dict[str, Facet] = {f.name: f for f in FACETS}
SIDEBAR = tuple(f for f in FACETS if f.sidebar)
COUNTED = tuple(f for f in FACETS if f.counted)
OPTIONAL = tuple(f.name for f in FACETS if f.optional)


def parameters(
    facet_type: Callable[[Facet], Any], year_type: Callable[[str, str], Any]
) -> list[inspect.Parameter]:
    """One keyword parameter per facet and the two year bounds, typed by the caller's framework (Typer options
    for the CLI, FastAPI queries for the API): how both get their filters from this table."""
    years = {
        "year_min": "開始年の下限 (この年以降に始まった取組)",
        "year_max": "開始年の上限 (この年までに始まった取組)",
    }
    return [
        *(
            inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=facet_type(f))
            for f in FACETS
        ),
        *(
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=year_type(name, text)
            )
            for name, text in years.items()
        ),
    ]


def labels_with_unstated(facet: Facet, corpus: Corpus | None = None) -> dict[str, str]:
    """The facet's labels, plus 「不明」 for `unstated` where a case may leave the facet empty."""
    return facet.value_labels(corpus) | ({UNSTATED: UNSTATED_LABEL} if facet.optional else {})
