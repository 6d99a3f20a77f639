"""The overview: case counts as charts and a map of Japan at `/overview`; twins `/api/overview`, `/api/facets`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kb.case import FACET_LABELS
from kb.corpus import Corpus
from kb.stats import UNSTATED, facet_counts, prefecture_count
from web.charts import bar_chart
from web.deps import IndexDep, MapDep
from web.schemas import FacetsResponse, OverviewResponse
from web.templating import render

router = APIRouter()
CHARTS = (
    ("地方", "region"),
    ("結果", "outcome"),
    ("団体区分", "level"),
    ("人口規模", "band"),
)  # after themes


def _facets(corpus: Corpus) -> dict[str, Any]:
    return {"cases": len(corpus.cases), **facet_counts(corpus.cases)}


def _locations(corpus: Corpus) -> list[dict[str, Any]]:
    by_code: dict[str, list[str]] = {}
    for case in corpus.cases:
        if case.lead:
            by_code.setdefault(case.lead.code, []).append(case.id)
    bodies = ((corpus.registry.get(code), ids) for code, ids in by_code.items())
    return [
        {"code": b.code, "name": b.name, "lat": b.lat, "lng": b.lng, "cases": ids} for b, ids in bodies if b
    ]


def _with_unstated(counts: dict[str, dict[str, int]], facet: str) -> dict[str, int]:
    """A facet's counts plus a 「不明」 bar (no link: it is not a filter) for the cases that do not state it."""
    missing = counts[UNSTATED].get(facet, 0)
    return counts[facet] | ({UNSTATED: missing} if missing else {})


@router.get("/api/facets", tags=["overview"], summary="ファセットごとの事例数", response_model=FacetsResponse)
async def api_facets(index: IndexDep) -> dict[str, Any]:
    """テーマ・地方・区分・人口帯・結果ごとの事例数 (`kb stats --json` と同じ)。値はどれも絞り込みに使える値で、
    地方・区分・人口帯を持たない事例(匿名の教訓、人口不明)の数は `unstated` に分けて示す。"""
    return _facets(index.corpus)


@router.get(
    "/api/overview", tags=["overview"], summary="概観: 事例数と地図の地点", response_model=OverviewResponse
)
async def api_overview(index: IndexDep) -> dict[str, Any]:
    return {**_facets(index.corpus), "locations": _locations(index.corpus)}


@router.get("/overview", include_in_schema=False)
async def overview_page(request: Request, index: IndexDep, japan_map: MapDep) -> Response:
    corpus = index.corpus
    counts = facet_counts(corpus.cases)
    charts = [bar_chart("テーマ", "theme", counts["theme"], corpus.theme_labels())] + [
        bar_chart(title, facet, _with_unstated(counts, facet), FACET_LABELS[facet]) for title, facet in CHARTS
    ]
    context = {
        "charts": charts,
        "map": japan_map,
        "prefectures": prefecture_count(corpus.cases),
        "json_url": "/api/overview",
    }
    return render(request, "overview.html", context)
