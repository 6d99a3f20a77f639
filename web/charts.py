"""Bar charts of case counts (by theme, region, size, outcome) as SVG geometry for the overview page.

Plain SVG attributes, not inline styles, so the page keeps a strict Content-Security-Policy. Each bar links to
the search page filtered by its value.
"""

from __future__ import annotations

from dataclasses import dataclass

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
