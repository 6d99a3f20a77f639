"""Official figures: the committed data file covers every body of the registry with the right names, carries
its sources, and is what the converter makes of the 総務省 workbooks (when they are at hand)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kb.municipalities import load_registry
from kb.townstats import COLUMNS, DATA_CSV, load_town_stats, meta, population_year

ROOT = Path(__file__).parents[1]
WORKBOOKS = ROOT.parent / "shared" / "data"  # the original workbooks, outside the repository


def test_every_registry_body_has_a_row_with_its_own_name():
    stats = load_town_stats()
    registry = load_registry()
    assert len(stats) == len(registry) == 1788
    for body in registry:
        row = stats[body.code]
        assert row.name == body.name, body.code
        assert row.population and row.households and row.fiscal_strength is not None, body.name


def test_known_figures_and_their_sources():
    kutchan = load_town_stats()["014001"]
    assert (kutchan.population, kutchan.households, kutchan.fiscal_strength) == (14789, 7967, 0.62)
    assert population_year() == 2022
    columns = meta()["columns"]
    assert set(columns) == set(COLUMNS[2:])
    assert all(
        c["source"].startswith("総務省") and c["as_of"] and c["url"].startswith("https://")
        for c in columns.values()
    )
    assert "総務省" in meta()["credit"] and "CC BY 4.0" in meta()["licence"]


def test_wards_of_designated_cities_are_not_bodies():
    assert "011011" not in load_town_stats()  # 札幌市中央区: a ward, not a body of the registry


@pytest.mark.skipif(not WORKBOOKS.exists(), reason="the 総務省 workbooks are not on this machine")
def test_the_converter_reproduces_the_committed_file_from_the_workbooks():
    from kb.townstats_import import convert, to_csv

    made = to_csv(convert(WORKBOOKS)).decode("utf-8")
    committed = (ROOT / "kb" / DATA_CSV).read_text(encoding="utf-8")
    assert made == committed
    rows = list(csv.DictReader(io.StringIO(made)))
    assert len(rows) == 1788 and rows[0]["code"] == "010006"
