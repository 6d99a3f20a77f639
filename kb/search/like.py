"""「うちと似た町」: how much a body (or a case's body) resembles the user's, and why, in words.

Size: the population ratio (a tenfold difference counts as nothing in common); every body of the registry has
the official figure, and a case's own sourced population wins for that case. Only a case without any figure
(an anonymous lesson) falls back to the distance between size classes (村 … 政令指定都市). Place: same
prefecture, nearby, or same region. Finances: the 財政力指数, a lighter dimension (a 0.3 town cannot copy a 1.0
town's budget). Size weighs most: a town of 4万 learns most from other towns of 4万.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kb.case import LEVEL_LABELS, REGION_LABELS, Case, Level, Region, people
from kb.municipalities import Municipality, Registry

SIZE_WEIGHT = 0.5
PLACE_WEIGHT = 0.3
FISCAL_WEIGHT = 0.2
NEAR_KM = 100
FISCAL_CLOSE = 0.1  # 財政力指数 within this much reads as 「財政力が近い」
FISCAL_SPAN = 0.5  # a difference of this much counts as nothing in common
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


def _size(population: int | None, level: Level | None, user: Municipality) -> tuple[float, str | None]:
    if population and user.population:
        decades = abs(math.log10(population / user.population))
        close = decades <= math.log10(2)  # within a factor of two
        return max(0.0, 1.0 - decades), f"人口規模が近い({people(population)})" if close else None
    if level is None:
        return 0.0, None
    steps = abs(LEVEL_SCALE[level] - LEVEL_SCALE[user.level])
    return max(0.0, 1.0 - steps / 2), f"同じ区分({LEVEL_LABELS[level]})" if steps == 0 else None


def _place(body: Municipality | None, region: Region | None, user: Municipality) -> tuple[float, str | None]:
    if body is not None and body.code == user.code:
        return 1.0, "あなたの自治体の事例"
    if body is not None and body.prefecture == user.prefecture:
        return 1.0, f"同じ{user.prefecture}"
    km = distance_km(body, user) if body is not None else None
    near = max(0.0, 1.0 - km / 500) if km is not None else 0.0
    if km is not None and km <= NEAR_KM:
        return max(0.8, near), f"近い(約{round(km, -1):.0f}km)"
    if region is not None and region == user.region:
        return max(0.6, near), f"同じ{REGION_LABELS[region]}地方"
    return near, None


def _fiscal(body: Municipality | None, user: Municipality) -> tuple[float, str | None]:
    mine = user.stats.fiscal_strength if user.stats else None
    theirs = body.stats.fiscal_strength if body is not None and body.stats else None
    if mine is None or theirs is None:
        return 0.0, None
    gap = abs(mine - theirs)
    return max(0.0, 1.0 - gap / FISCAL_SPAN), f"財政力が近い({theirs:.2f})" if gap <= FISCAL_CLOSE else None


def _combine(parts: list[tuple[float, float, str | None]]) -> Likeness:
    reasons = [reason for _, _, reason in parts if reason]
    return Likeness(sum(weight * score for weight, score, _ in parts), "・".join(reasons) or None)


def town_likeness(body: Municipality, user: Municipality, population: int | None = None) -> Likeness:
    """How much `body` resembles `user`; `population` overrides the body's official figure (a case's own)."""
    size, size_reason = _size(population or body.population, body.level, user)
    place, place_reason = _place(body, body.region, user)
    fiscal, fiscal_reason = _fiscal(body, user)
    return _combine(
        [
            (SIZE_WEIGHT, size, size_reason),
            (PLACE_WEIGHT, place, place_reason),
            (FISCAL_WEIGHT, fiscal, fiscal_reason),
        ]
    )


def likeness(case: Case, user: Municipality, registry: Registry) -> Likeness:
    """How much a case's lead body resembles the user's (an anonymous case by its stated level and region)."""
    body = registry.get(case.lead.code) if case.lead else None
    if body is not None:
        return town_likeness(body, user, case.population)
    size, size_reason = _size(case.population, case.level, user)
    place, place_reason = _place(None, case.region, user)
    return _combine([(SIZE_WEIGHT, size, size_reason), (PLACE_WEIGHT, place, place_reason)])
