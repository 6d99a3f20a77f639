"""Facet counts: every counted value is one a filter accepts; cases that do not state a facet are counted apart."""

from kb.case import Case
from kb.facets import COUNTED, UNSTATED
from kb.stats import facet_counts

BASE = {
    "title": "t",
    "year": 2022,
    "outcome": "unknown",
    "summary": "s",
    "sources": [{"url": "https://example.org", "title": "t"}],
}
NAMED = {
    "municipalities": [{"name": "島根県益田市", "code": "322041"}],
    "level": "city",
    "region": "chugoku",
    "population": 44_000,
    "population_year": 2023,
}


def case(case_id: str, themes: list[str], **extra: object) -> Case:
    return Case.model_validate({**BASE, "id": case_id, "themes": themes, **extra})


CASES = [
    case("named", ["madoguchi", "ai-rpa"], **NAMED),
    case("anonymous", ["ai-rpa"], anonymous=True, municipalities=[]),
    case("no-population", ["madoguchi"], **(NAMED | {"population": None, "population_year": None})),
]


def test_every_counted_value_is_a_filter_value():
    counts = facet_counts(CASES)
    for facet in COUNTED:
        if facet.fixed:
            assert set(counts[facet.name]) <= set(facet.value_labels()), facet.name
    assert counts["outcome"] == {"unknown": 3}  # a real outcome, not a missing one
    assert counts["theme"] == {"ai-rpa": 2, "madoguchi": 2}


def test_cases_without_a_facet_are_counted_apart_so_the_counts_add_up():
    counts = facet_counts(CASES)
    assert counts[UNSTATED] == {"region": 1, "prefecture": 1, "level": 1, "band": 2}
    for facet in ("region", "level", "band"):
        assert sum(counts[facet].values()) + counts[UNSTATED][facet] == len(CASES), facet
