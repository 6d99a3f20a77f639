"""The overview map is honest: each prefecture's capital falls inside its own outline, Okinawa in its inset."""

from __future__ import annotations

import pytest

from kb.case import Level
from kb.municipalities import load_registry
from web.japan_map import OKINAWA_SHIFT, Projection, _rings, build_map


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Ray casting."""
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


@pytest.fixture(scope="module")
def outlines() -> dict[str, list[tuple[float, float]]]:
    rings, _ = _rings()
    return dict(rings)


def test_prefecture_capitals_fall_inside_their_outline(outlines):  # type: ignore[no-untyped-def]
    prefectures = [b for b in load_registry() if b.level == Level.prefecture]
    assert len(prefectures) == 47
    outside = []
    for body in prefectures:
        lng, lat = body.lng, body.lat
        if body.code.startswith("47"):
            lng, lat = lng + OKINAWA_SHIFT[0], lat + OKINAWA_SHIFT[1]
        if not inside((lng, lat), outlines[body.name]):
            outside.append(body.name)
    assert not outside, f"capitals outside their prefecture's outline: {outside}"


def test_dots_lie_on_the_drawing(search_index):  # type: ignore[no-untyped-def]
    japan = build_map(search_index.corpus)
    assert japan.dots and japan.located + japan.unlocated == len(search_index.corpus.cases)
    for dot in japan.dots:
        assert 0 <= dot.x <= japan.width and 0 <= dot.y <= japan.height
    x, y, w, h = japan.inset
    assert x >= 0 and x + w <= japan.width and y >= 0 and y + h <= japan.height


def test_projection_keeps_north_up_and_east_right(outlines):  # type: ignore[no-untyped-def]
    projection = Projection(list(outlines.values()))
    sapporo, fukuoka = projection.xy(141.35, 43.06), projection.xy(130.4, 33.59)
    assert sapporo[0] > fukuoka[0] and sapporo[1] < fukuoka[1]
