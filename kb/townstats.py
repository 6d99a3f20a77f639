"""Official figures of every body: population, households, population change, 財政力指数 and 経常収支比率.

They come from 総務省 statistics, converted by `kb.townstats_import` into `kb/data/municipal_stats.csv` (keyed by
the 6-digit code) with the source and date of each column in `kb/data/municipal_stats.yaml`. The registry
attaches them to every `Municipality`; pages and JSON that show a figure show `CREDIT` with it.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

DATA_CSV = "data/municipal_stats.csv"
DATA_META = "data/municipal_stats.yaml"
COLUMNS = (
    "code",
    "name",
    "population",
    "households",
    "population_change",
    "population_change_rate",
    "fiscal_strength",
    "current_balance_ratio",
)


@dataclass(frozen=True)
class TownStats:
    code: str
    name: str
    population: int | None
    households: int | None
    population_change: int | None  # persons, calendar 2021
    population_change_rate: float | None  # %, calendar 2021
    fiscal_strength: float | None  # 財政力指数, FY2021
    current_balance_ratio: float | None  # 経常収支比率 (%), FY2021

    @property
    def credit(self) -> str:
        return str(meta()["credit"])


def _int(text: str) -> int | None:
    return int(text) if text else None


def _float(text: str) -> float | None:
    return float(text) if text else None


@functools.cache
def meta() -> dict[str, Any]:
    """Credit, licence, and per column its source, URL and date (`kb/data/municipal_stats.yaml`)."""
    text = resources.files("kb").joinpath(DATA_META).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@functools.cache
def load_town_stats() -> dict[str, TownStats]:
    """code → figures, for every body in the data file (read once per process)."""
    text = resources.files("kb").joinpath(DATA_CSV).read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return {
        row["code"]: TownStats(
            code=row["code"],
            name=row["name"],
            population=_int(row["population"]),
            households=_int(row["households"]),
            population_change=_int(row["population_change"]),
            population_change_rate=_float(row["population_change_rate"]),
            fiscal_strength=_float(row["fiscal_strength"]),
            current_balance_ratio=_float(row["current_balance_ratio"]),
        )
        for row in rows
    }


def population_year() -> int:
    """The year the population column refers to (住民基本台帳, 1 January)."""
    return int(str(meta()["columns"]["population"]["as_of"])[:4])
