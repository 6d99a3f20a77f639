"""Charts as SVG geometry, drawn by the templates: bar charts of case counts (overview; each bar links to the
search filtered by its value), the coverage of bodies by population band, and the town page's scatter of
population × 財政力指数.

Plain SVG attributes, not inline styles, so the pages keep a strict Content-Security-Policy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kb.case import people
from kb.shapes import TownOut

LABEL_WIDTH = 300  # the longest theme label is ~22 characters
BAR_WIDTH = 280
ROW = 24


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    count: int
    y: int
    width: float
    href: str


@dataclass(frozen=True)
class BarChart:
    title: str
    param: str
    bars: list[Bar]
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH

    @property
    def height(self) -> int:
        return ROW * len(self.bars) + 4

    @property
    def width(self) -> int:
        return self.label_width + self.bar_width + 50


def bar_chart(title: str, param: str, counts: dict[str, int], labels: dict[str, str]) -> BarChart:
    """Bars in the taxonomy's order (`labels`), zeros included so gaps show, then values the labels do not
    know (e.g. unknown)."""
    counts = {value: counts.get(value, 0) for value in labels} | counts
    order = list(labels) + [v for v in counts if v not in labels]
    top = max(counts.values(), default=0) or 1
    bars = [
        Bar(
            labels.get(value, "不明"),
            value,
            counts[value],
            i * ROW,
            round(BAR_WIDTH * counts[value] / top, 1),
            f"/?{param}={value}" if value in labels else "",
        )
        for i, value in enumerate(order)
    ]
    return BarChart(title, param, bars)


@dataclass(frozen=True)
class CoverageRow:
    label: str
    value: str
    total: int
    covered: int
    y: int
    total_width: float
    covered_width: float

    @property
    def share(self) -> str:
        return f"{100 * self.covered / self.total:.0f}%" if self.total else "—"


@dataclass(frozen=True)
class CoverageChart:
    rows: list[CoverageRow]
    label_width: int = 130
    bar_width: int = BAR_WIDTH

    @property
    def height(self) -> int:
        return ROW * 2 * len(self.rows) + 4

    @property
    def width(self) -> int:
        return self.label_width + self.bar_width + 170


def coverage_chart(rows: list[tuple[str, str, int, int]]) -> CoverageChart:
    """Per population band: all bodies of Japan (pale bar) and those with a case (dark bar, same scale)."""
    top = max((total for _, _, total, _ in rows), default=0) or 1
    return CoverageChart(
        [
            CoverageRow(
                label,
                value,
                total,
                covered,
                i * ROW * 2,
                round(BAR_WIDTH * total / top, 1),
                round(BAR_WIDTH * covered / top, 1),
            )
            for i, (value, label, total, covered) in enumerate(rows)
        ]
    )


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    role: str  # self / similar / other
    title: str
    href: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Scatter:
    width: int
    height: int
    left: int
    bottom: int
    points: list[Point]
    x_ticks: list[Tick]
    y_ticks: list[Tick]


SCATTER_W, SCATTER_H, PAD_L, PAD_B, PAD_T, PAD_R = 560, 320, 56, 40, 12, 16


def town_chart(profile: TownOut) -> Scatter:
    """The town among bodies of similar size: population (log scale) across, 財政力指数 up."""
    points = profile.chart
    logs = [math.log10(p.population) for p in points]
    x0, x1 = math.floor(min(logs) * 2) / 2, math.ceil(max(logs) * 2) / 2
    y1 = max(1.0, math.ceil(max(p.fiscal_strength for p in points) * 5) / 5)
    plot_w, plot_h = SCATTER_W - PAD_L - PAD_R, SCATTER_H - PAD_B - PAD_T

    def x(population: float) -> float:
        return round(PAD_L + plot_w * (math.log10(population) - x0) / max(x1 - x0, 0.5), 1)

    def y(fiscal: float) -> float:
        return round(PAD_T + plot_h * (1 - fiscal / y1), 1)

    drawn = [
        Point(
            x(p.population),
            y(p.fiscal_strength),
            p.role,
            f"{p.name}: 人口{people(p.population)}・財政力指数{p.fiscal_strength:.2f}",
            f"/towns/{p.code}",
        )
        for p in points
    ]
    x_ticks = [Tick(x(10**e), people(int(10**e))) for e in range(math.ceil(x0), math.floor(x1) + 1)]
    y_ticks = [Tick(y(v / 10), f"{v / 10:.1f}") for v in range(0, int(y1 * 10) + 1, 2 if y1 <= 1.2 else 5)]
    return Scatter(SCATTER_W, SCATTER_H, PAD_L, SCATTER_H - PAD_B, drawn, x_ticks, y_ticks)
