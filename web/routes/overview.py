"""The overview: case counts as charts and a map of Japan at `/overview`; twins `/api/overview`, `/api/facets`.

Beside the counts per facet, a coverage chart sets the bodies that have a case against all bodies of Japan per
population band, so curators see where coverage is thin.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kb.case import BAND_LABELS, band_of
from kb.corpus import Corpus
from kb.facets import COUNTED, UNSTATED, labels_with_unstated
from kb.shapes import FacetCountsOut, OverviewOut
from kb.stats import facet_counts, prefecture_count
from kb.towns import lead_cases
from kb.townstats import meta
from web.charts import bar_chart, coverage_chart
from web.deps import IndexDep, MapDep
from web.templating import render

router = APIRouter()
CHARTED = [f for f in COUNTED if f.name != "prefecture"]  # 47 bars: the map shows prefectures better


def _facets(corpus: Corpus) -> dict[str, Any]:
    return {"cases": len(corpus.cases), **facet_counts(corpus.cases)}


def _locations(corpus: Corpus) -> list[dict[str, Any]]:
    bodies = ((corpus.registry.get(code), cases) for code, cases in lead_cases(corpus).items())
    return [
        {"code": b.code, "name": b.name, "lat": b.lat, "lng": b.lng, "cases": [c.id for c in cases]}
        for b, cases in bodies
        if b
    ]


def coverage(corpus: Corpus) -> list[tuple[str, str, int, int]]:
    """(band, label, bodies of Japan in the band, of them with a case) for 市区町村 (prefectures left out)."""
    with_cases = set(lead_cases(corpus))
    totals = dict.fromkeys(BAND_LABELS, 0)
    covered = dict.fromkeys(BAND_LABELS, 0)
    for body in corpus.registry:
        band = band_of(body.population)
        if body.level.value == "prefecture" or band is None:
            continue
        totals[band.value] += 1
        covered[band.value] += body.code in with_cases
    return [(band, label, totals[band], covered[band]) for band, label in BAND_LABELS.items()]


def _with_unstated(counts: dict[str, dict[str, int]], facet: str) -> dict[str, int]:
    """A facet's counts plus a 「不明」 bar for the cases that do not state it (a filter value too)."""
    missing = counts[UNSTATED].get(facet, 0)
    return counts[facet] | ({UNSTATED: missing} if missing else {})


@router.get("/api/facets", tags=["overview"], summary="ファセットごとの事例数", response_model=FacetCountsOut)
async def api_facets(index: IndexDep) -> dict[str, Any]:
    """テーマ・地方・都道府県・区分・人口帯・結果ごとの事例数 (`kb stats --json` と同じ)。値はどれも絞り込みに使える値で、
    その項目を持たない事例 (匿名の教訓など) の数は `unstated` に分けて示す (絞り込みでは `unstated` で選べる)。"""
    return _facets(index.corpus)


@router.get(
    "/api/overview", tags=["overview"], summary="概観: 事例数と地図の地点", response_model=OverviewOut
)
async def api_overview(index: IndexDep) -> dict[str, Any]:
    return {**_facets(index.corpus), "locations": _locations(index.corpus)}


@router.get("/overview", include_in_schema=False)
async def overview_page(request: Request, index: IndexDep, japan_map: MapDep) -> Response:
    corpus = index.corpus
    counts = facet_counts(corpus.cases)
    charts = [
        bar_chart(f.title, f.name, _with_unstated(counts, f.name), labels_with_unstated(f, corpus))
        for f in CHARTED
    ]
    context = {
        "charts": charts,
        "coverage": coverage_chart(coverage(corpus)),
        "stats_credit": meta()["credit"],
        "map": japan_map,
        "prefectures": prefecture_count(corpus.cases),
        "json_url": "/api/overview",
    }
    return render(request, "overview.html", context)
