"""The overview map: prefecture outlines and case locations drawn as SVG on the server, no tiles, no network.

Outlines: `web/data/japan.json` (each prefecture's main landmass, from the Apache-2.0 `japanmap` package; see
`web/data/make_outline.py`). Locations: the registry's coordinates of each case's lead body (its office), one
dot per body, sized by its number of cases. Okinawa is moved into an inset, as Japanese maps usually do, and its
dots with it. Projection: equirectangular with longitude scaled by cos 37°, which is honest enough at this size.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kb.case import OUTCOME_LABELS, Case
from kb.corpus import Corpus
from kb.municipalities import Municipality

OUTLINE = Path(__file__).parent / "data" / "japan.json"
WIDTH = 640
MARGIN = 0.5  # degrees around the outlines
ASPECT = math.cos(math.radians(37))
OKINAWA = "47"
OKINAWA_SHIFT = (6.5, 12.5)  # degrees: from the East China Sea to an empty corner of the Sea of Japan
OKINAWA_BOX = ((122.8, 24.0), (128.6, 27.0))  # lng/lat extent of the prefecture, before the shift


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    outcome: str  # an outcome id, or "several" when a body's cases differ
    title: str
    href: str
    name: str = ""  # the body's name, for the list beside the map
    count: int = 0


@dataclass(frozen=True)
class JapanMap:
    width: int
    height: int
    prefectures: list[tuple[str, str]]  # (name, SVG path)
    inset: tuple[float, float, float, float]  # x, y, w, h of Okinawa's frame
    dots: list[Dot]
    located: int  # cases with a place on the map
    unlocated: int  # anonymous cases: no place
    note: str


class Projection:
    def __init__(self, rings: list[list[tuple[float, float]]]):
        lngs = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        self.west, self.north = min(lngs) - MARGIN, max(lats) + MARGIN
        self.scale = WIDTH / ((max(lngs) + MARGIN - self.west) * ASPECT)
        self.height = round((self.north - (min(lats) - MARGIN)) * self.scale)

    def xy(self, lng: float, lat: float, okinawa: bool = False) -> tuple[float, float]:
        if okinawa:
            lng, lat = lng + OKINAWA_SHIFT[0], lat + OKINAWA_SHIFT[1]
        return round((lng - self.west) * ASPECT * self.scale, 1), round((self.north - lat) * self.scale, 1)


def _rings() -> tuple[list[tuple[str, list[tuple[float, float]]]], str]:
    doc = json.loads(OUTLINE.read_text(encoding="utf-8"))
    rings = []
    for pref in doc["prefectures"]:
        points = [(float(x), float(y)) for x, y in pref["ring"]]
        if pref["code"] == int(OKINAWA):
            points = [(x + OKINAWA_SHIFT[0], y + OKINAWA_SHIFT[1]) for x, y in points]
        rings.append((pref["name"], points))
    return rings, doc["note"]


def _dot(proj: Projection, body: Municipality, cases: list[Case]) -> Dot:
    """One body's dot; several cases link to the search filtered to that body (`municipality=CODE`)."""
    outcomes = {c.outcome.value for c in cases}
    x, y = proj.xy(body.lng, body.lat, okinawa=body.code.startswith(OKINAWA))
    lines = [f"{body.name}: {len(cases)}件", *(f"・{c.title}({OUTCOME_LABELS[c.outcome]})" for c in cases)]
    href = f"/cases/{cases[0].id}" if len(cases) == 1 else f"/?municipality={body.code}"
    return Dot(
        x,
        y,
        round(4.5 + 2.5 * math.sqrt(len(cases) - 1), 1),
        outcomes.pop() if len(outcomes) == 1 else "several",
        "\n".join(lines),
        href,
        body.name,
        len(cases),
    )


def build_map(corpus: Corpus) -> JapanMap:
    rings, note = _rings()
    proj = Projection([ring for _, ring in rings])
    paths = [
        (name, "M" + " L".join(f"{x},{y}" for x, y in (proj.xy(*p) for p in ring)) + " Z")
        for name, ring in rings
    ]
    by_body: dict[str, list[Case]] = defaultdict(list)
    for case in corpus.cases:
        if case.lead:
            by_body[case.lead.code].append(case)
    dots = []
    for code, cases in by_body.items():
        body = corpus.registry.get(code)
        if body is not None:
            dots.append(_dot(proj, body, cases))
    dots.sort(key=lambda d: -d.r)  # small dots on top of big ones stay clickable
    (w, s), (e, n) = OKINAWA_BOX
    x0, y0 = proj.xy(w, n, okinawa=True)
    x1, y1 = proj.xy(e, s, okinawa=True)
    located = sum(len(v) for k, v in by_body.items() if corpus.registry.get(k) is not None)
    return JapanMap(
        WIDTH,
        proj.height,
        paths,
        (x0, y0, x1 - x0, y1 - y0),
        dots,
        located,
        len(corpus.cases) - located,
        note,
    )
