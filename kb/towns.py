"""A town's profile: its official figures, its own cases, the towns most like it that have cases, and what those
towns did, grouped by theme (failures included). `kb town NAME`, `/towns/{code}` and `/api/towns/{code}` all show
`town_profile`.
"""

from __future__ import annotations

import math
from collections import defaultdict

from kb.case import LEVEL_LABELS, REGION_LABELS, Case, people
from kb.corpus import Corpus
from kb.municipalities import Municipality
from kb.search.like import town_likeness
from kb.shapes import ChartPoint, SimilarTown, ThemeGroup, TownOut, body_out, case_brief
from kb.townstats import meta

SIMILAR_TOWNS = 8  # towns with cases shown as "most like it"
LIKE_THEM = 15  # bodies whose cases make up "what towns like it did"
CHART_SPAN = 10  # the chart shows bodies within this factor of the town's population


def profile_line(body: Municipality) -> str:
    """「北海道倶知安町(町・人口1.5万人・財政力指数0.62・北海道地方)」."""
    parts = [LEVEL_LABELS[body.level]]
    if body.population:
        parts.append(f"人口{people(body.population)}")
    if body.stats and body.stats.fiscal_strength is not None:
        parts.append(f"財政力指数{body.stats.fiscal_strength:.2f}")
    parts.append(f"{REGION_LABELS[body.region]}地方")
    return f"{body.name}({'・'.join(parts)})"


def cases_by_body(corpus: Corpus) -> dict[str, list[Case]]:
    """code → the cases a body takes part in (lead or partner), newest first."""
    found: dict[str, list[Case]] = defaultdict(list)
    for case in sorted(corpus.cases, key=lambda c: (-c.year, c.id)):
        for ref in case.municipalities:
            found[ref.code].append(case)
    return found


def lead_cases(corpus: Corpus) -> dict[str, list[Case]]:
    """code → the cases a body leads, newest first."""
    found: dict[str, list[Case]] = defaultdict(list)
    for case in sorted(corpus.cases, key=lambda c: (-c.year, c.id)):
        if case.lead:
            found[case.lead.code].append(case)
    return found


def similar_towns(
    body: Municipality, corpus: Corpus, limit: int
) -> list[tuple[Municipality, float, str | None]]:
    """The bodies that lead a case, most like `body` first (itself excluded)."""
    registry = corpus.registry
    scored = []
    for code in lead_cases(corpus):
        other = registry.get(code)
        if other is None or other.code == body.code:
            continue
        like = town_likeness(other, body)
        scored.append((other, like.score, like.reason))
    scored.sort(key=lambda item: (-item[1], item[0].code))
    return scored[:limit]


def _chart(body: Municipality, similar: list[Municipality], corpus: Corpus) -> list[ChartPoint]:
    def point(b: Municipality, role: str) -> ChartPoint | None:
        if not (b.population and b.stats and b.stats.fiscal_strength is not None):
            return None
        return ChartPoint(
            code=b.code,
            name=b.name,
            population=b.population,
            fiscal_strength=b.stats.fiscal_strength,
            role=role,
        )

    special = {body.code: "self", **{b.code: "similar" for b in similar}}
    population = body.population or 1
    points = []
    for other in corpus.registry:
        role = special.get(other.code, "other")
        if other.level.value == "prefecture" and role == "other":
            continue
        close = other.population and abs(math.log10(other.population / population)) <= math.log10(CHART_SPAN)
        if role != "other" or close:
            p = point(other, role)
            if p:
                points.append(p)
    return sorted(points, key=lambda p: ("other", "similar", "self").index(p.role))


def town_profile(body: Municipality, corpus: Corpus) -> TownOut:
    labels = corpus.theme_labels()
    own = cases_by_body(corpus).get(body.code, [])
    by_lead = lead_cases(corpus)
    similar = similar_towns(body, corpus, max(SIMILAR_TOWNS, LIKE_THEM))
    groups: dict[str, list[Case]] = defaultdict(list)
    for other, _, _ in similar[:LIKE_THEM]:
        for case in by_lead[other.code]:
            groups[case.themes[0]].append(case)
    order = [t.id for t in corpus.themes]
    return TownOut(
        town=body_out(body, cases=len(own)),
        line=profile_line(body),
        cases=[case_brief(c) for c in own],
        similar=[
            SimilarTown(
                town=body_out(other, cases=len(by_lead[other.code])),
                score=round(score, 4),
                reason=reason,
                cases=[case_brief(c) for c in by_lead[other.code]],
            )
            for other, score, reason in similar[:SIMILAR_TOWNS]
        ],
        like_them=[
            ThemeGroup(
                theme=theme, label=labels.get(theme, theme), cases=[case_brief(c) for c in groups[theme]]
            )
            for theme in sorted(groups, key=lambda t: order.index(t) if t in order else len(order))
        ],
        chart=_chart(body, [other for other, _, _ in similar[:SIMILAR_TOWNS]], corpus),
        source=str(meta()["credit"]),
    )
