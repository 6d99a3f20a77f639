"""Every facet of the table reaches the CLI options, the API parameters, the sidebar, the counts and the JSON
schema; adding a facet is adding a row (issue: a facet was spread over nine places)."""

from __future__ import annotations

from typer.testing import CliRunner

from kb.cli import app
from kb.facets import FACETS, UNSTATED
from kb.search import Filters
from kb.stats import facet_counts


def test_every_facet_is_a_cli_option_of_search_and_export():
    for command in ("search", "export"):
        text = CliRunner().invoke(app, [command, "--help"], terminal_width=200).output
        for facet in FACETS:
            assert f"--{facet.name}" in text, (command, facet.name)


def test_a_filter_of_every_facet_parses_and_unstated_selects_the_cases_without(search_index):  # type: ignore[no-untyped-def]
    examples = {"theme": "madoguchi", "region": "shikoku", "prefecture": "38", "level": "city", "band": "lt10k",
                "outcome": "failure", "municipality": "382035", "detail": "contact"}  # fmt: skip
    assert set(examples) == {f.name for f in FACETS}
    for name, value in examples.items():
        assert Filters.parse({name: [value]}).of(name) == {value}
    counts = facet_counts(search_index.cases)
    without_band = Filters.parse({"band": ["unstated"]})
    mask = search_index.masks.mask(without_band)
    assert int(mask.sum()) == counts[UNSTATED]["band"]


def test_detail_finds_the_cases_that_carry_a_contact_a_cost_or_figures(search_index):  # type: ignore[no-untyped-def]
    cases = search_index.cases
    for detail, has in (
        ("contact", lambda c: c.contact),
        ("cost", lambda c: c.cost),
        ("metrics", lambda c: c.metrics),
    ):
        mask = search_index.masks.mask(Filters.parse({"detail": [detail]}))
        assert [c.id for c, m in zip(cases, mask, strict=True) if m] == [c.id for c in cases if has(c)], (
            detail
        )
    assert any(c.contact for c in cases) and not all(c.contact for c in cases)  # the fixture shows both
