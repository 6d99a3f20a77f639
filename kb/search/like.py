"""「うちと似た町」: how much a case's municipality resembles the user's, and why, in words.

Size: the population ratio where both figures are known (a tenfold difference counts as nothing in common),
else the distance between size classes (村 … 政令指定都市). Place: same prefecture, same region, or distance by
the registry's coordinates. Size weighs more than place: a town of 4万 learns most from other towns of 4万.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kb.case import LEVEL_LABELS, REGION_LABELS, Case, Level, people
from kb.municipalities import Municipality, Registry

SIZE_WEIGHT = 0.6
PLACE_WEIGHT = 0.4
NEAR_KM = 100
# Size classes on one scale; a step is one class apart.
LEVEL_SCALE = {
    Level.village: 0,
    Level.town: 1,
    Level.city: 2,
    Level.special_ward: 2.5,
    Level.core_city: 3,
    Level.designated_city: 4,
    Level.prefecture: 5,
}


@dataclass(frozen=True)
class Likeness:
    score: float  # 0..1
    reason: str | None


def distance_km(a: Municipality, b: Municipality) -> float:
    """Great-circle distance between two bodies' registry coordinates."""
    lat1, lng1, lat2, lng2 = map(math.radians, (a.lat, a.lng, b.lat, b.lng))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _size(case: Case, population: int | None, user: Municipality) -> tuple[float, str | None]:
    if population and user.population:
        decades = abs(math.log10(population / user.population))
        close = decades <= math.log10(2)  # within a factor of two
        return max(0.0, 1.0 - decades), f"人口規模が近い({people(population)})" if close else None
    if case.level is None:
        return 0.0, None
    steps = abs(LEVEL_SCALE[case.level] - LEVEL_SCALE[user.level])
    return max(0.0, 1.0 - steps / 2), f"同じ区分({LEVEL_LABELS[case.level]})" if steps == 0 else None


def _place(case: Case, body: Municipality | None, user: Municipality) -> tuple[float, str | None]:
    if body is not None and body.code == user.code:
        return 1.0, "あなたの自治体の事例"
    if body is not None and body.prefecture == user.prefecture:
        return 1.0, f"同じ{user.prefecture}"
    km = distance_km(body, user) if body is not None else None
    near = max(0.0, 1.0 - km / 500) if km is not None else 0.0
    if km is not None and km <= NEAR_KM:
        return max(0.8, near), f"近い(約{round(km, -1):.0f}km)"
    if case.region is not None and case.region == user.region:
        return max(0.6, near), f"同じ{REGION_LABELS[case.region]}地方"
    return near, None


def likeness(case: Case, user: Municipality, registry: Registry) -> Likeness:
    body = registry.get(case.lead.code) if case.lead else None
    population = case.population or (body.population if body else None)
    size, size_reason = _size(case, population, user)
    place, place_reason = _place(case, body, user)
    reasons = [r for r in (size_reason, place_reason) if r]
    return Likeness(SIZE_WEIGHT * size + PLACE_WEIGHT * place, "・".join(reasons) or None)
