"""The shapes of the JSON API for its OpenAPI document (`/docs`); the bodies themselves come from the library.

Routes return the library's dicts as they are (so `/api/search` is byte for byte the `kb search --json` object)
and name these models only to document them. `extra="allow"`: fields may be added, never removed (CONTRACT).
"""

from __future__ import annotations

import warnings

from pydantic import BaseModel, ConfigDict

from kb.case import Band, Case, Level, Outcome, Region


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(Open):
    status: int
    error: str
    message: str
    param: str | None = None


class BodyRef(Open):
    name: str
    code: str


class SearchHit(Open):
    id: str
    title: str
    municipalities: list[BodyRef]
    level: Level | None
    population: int | None
    region: Region | None
    themes: list[str]
    year: int
    outcome: Outcome
    score: float
    snippet: str
    url: str
    like_reason: str | None = None


class LikeBody(Open):
    name: str
    code: str
    population: int | None


class SearchResponse(Open):
    query: str
    took_ms: float
    total: int
    results: list[SearchHit]
    offset: int | None = None
    limit: int | None = None
    like: LikeBody | None = None


with warnings.catch_warnings():
    # The JSON adds the derived `band`, which `Case` has as a property: here it is a field, on purpose.
    warnings.filterwarnings("ignore", message='Field name "band"')

    class CaseResponse(Case):
        model_config = ConfigDict(extra="allow")
        band: Band | None = None  # type: ignore[assignment]


class SimilarResponse(Open):
    id: str
    results: list[SearchHit]


class CompareResponse(Open):
    cases: list[CaseResponse]


class MunicipalityOut(Open):
    name: str
    code: str
    level: Level
    region: Region
    population: int | None


class FacetsResponse(Open):
    cases: int
    theme: dict[str, int]
    region: dict[str, int]
    level: dict[str, int]
    band: dict[str, int]
    outcome: dict[str, int]


class Location(Open):
    code: str
    name: str
    lat: float
    lng: float
    cases: list[str]


class OverviewResponse(FacetsResponse):
    locations: list[Location]


class Health(Open):
    status: str
    build_id: str
    cases: int


ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": Error, "description": "事例がない"},
    422: {"model": Error, "description": "パラメータの誤り (`param` がその名前)"},
}
