"""The JSON shapes the project answers with: one pydantic model per shape, used by the CLI's `--json`, the HTTP
API (`response_model=`) and its OpenAPI document alike (docs/interfaces.md §5–6).

Fields may be added, never removed or renamed. Converters from the library's records (`search_out`,
`hit_out`, `body_out`) live here too, so no route or command builds a dict by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, create_model

from kb.case import Band, Case, Level, Outcome, Region
from kb.facets import COUNTED, UNSTATED

if TYPE_CHECKING:
    from kb.municipalities import Municipality
    from kb.search.results import Hit, SearchResult


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Error(Shape):
    status: int
    error: str = Field(description="状態の見出し (日本語)")
    message: str = Field(description="利用者向けの説明 (日本語)")
    param: str | None = Field(None, description="誤りのあるパラメータ名 (プログラム向け)")


class BodyRef(Shape):
    name: str
    code: str


class Figure(Shape):
    """An official figure with where it comes from."""

    value: float | int
    source: str
    as_of: str


class MunicipalityOut(Shape):
    name: str
    code: str
    level: Level
    region: Region
    prefecture: str
    population: int | None = Field(description="住民基本台帳人口 (公的統計のない団体は null)")
    population_year: int | None = None
    households: int | None = None
    population_change: int | None = Field(None, description="1年間の人口増減 (人)")
    fiscal_strength: float | None = Field(None, description="財政力指数")
    current_balance_ratio: float | None = Field(None, description="経常収支比率 (%)")
    cases: int = Field(0, description="この団体が主体の事例の数")
    source: str | None = Field(None, description="数値の出典")


class Reading(Shape):
    """One thing read from the query's words: a facet and the values it prefers."""

    facet: str = Field(description="ファセット名 (= 絞り込みのパラメータ名)")
    values: list[str]
    label: str = Field(description="画面の表示 (例: 福島県、小さな町、失敗・課題あり)")
    words: str = Field(description="クエリのどの語から読み取ったか")


class Interpretation(Shape):
    """What the query's words were taken to mean: places, size and outcome words used as soft preferences."""

    text: str = Field(description="場所・規模・結果の語を除いた、内容の検索に使った語")
    prefer: dict[str, list[str]] = Field(default_factory=dict, description="ファセット名 → 優先する値")
    labels: list[str] = Field(
        default_factory=list, description="画面に出す解釈 (例: 福島県、町、失敗・課題あり)"
    )
    readings: list[Reading] = Field(
        default_factory=list, description="読み取った内容 (外す・絞り込みにするため)"
    )


class HitOut(Shape):
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
    snippet: str = Field(description="一致した語を <mark> で囲んだ抜粋 (HTML として安全)")
    url: str = Field(description="最初の出典の URL")
    like_reason: str | None = Field(None, description="「うちと似た町」で似ている点")
    band: Band | None = None


class LikeOut(Shape):
    name: str
    code: str
    population: int | None
    level: Level | None = None
    region: Region | None = None
    fiscal_strength: float | None = None


class SearchOut(Shape):
    query: str
    took_ms: float
    total: int = Field(description="条件と語に合う事例の数 (意味の近さは較正したしきい値以上のみ)")
    total_is_estimate: bool = Field(False, description="true なら total は概数")
    offset: int = 0
    limit: int = 10
    like: LikeOut | None = None
    interpreted: Interpretation | None = None
    results: list[HitOut]


class FacetOption(Shape):
    value: str
    label: str
    count: int
    selected: bool


class FacetGroup(Shape):
    name: str = Field(description="ファセット名 (= 検索パラメータ名)")
    title: str
    options: list[FacetOption]


class SearchFacetsOut(Shape):
    query: str
    groups: list[FacetGroup]


class SimilarOut(Shape):
    id: str
    results: list[HitOut]


class CasesOut(Shape):
    cases: list[Case]


class Health(Shape):
    status: str
    build_id: str
    cases: int


class Location(Shape):
    code: str
    name: str
    lat: float
    lng: float
    cases: list[str]


# /api/facets and `kb stats --json`: the case count, one value → count map per counted facet, and the unstated
# counts; built from the facet table so a new facet reaches the schema by itself.
FacetCountsOut = create_model(  # type: ignore[call-overload]
    "FacetCountsOut",
    __base__=Shape,
    cases=(int, ...),
    **{f.name: (dict[str, int], Field(description=f"{f.title}ごとの事例数")) for f in COUNTED},
    **{UNSTATED: (dict[str, int], Field(description="その項目を持たない事例の数"))},
)


class OverviewOut(FacetCountsOut):  # type: ignore[misc, valid-type]
    locations: list[Location]


def body_out(body: Municipality, cases: int = 0) -> MunicipalityOut:
    stats = body.stats
    return MunicipalityOut(
        name=body.name,
        code=body.code,
        level=body.level,
        region=body.region,
        prefecture=body.prefecture,
        population=body.population,
        population_year=body.population_year,
        households=stats.households if stats else None,
        population_change=stats.population_change if stats else None,
        fiscal_strength=stats.fiscal_strength if stats else None,
        current_balance_ratio=stats.current_balance_ratio if stats else None,
        cases=cases,
        source=stats.credit if stats else None,
    )


def hit_out(hit: Hit) -> HitOut:
    c = hit.case
    return HitOut(
        id=c.id,
        title=c.title,
        municipalities=[BodyRef(name=m.name, code=m.code) for m in c.municipalities],
        level=c.level,
        population=c.population,
        region=c.region,
        themes=list(c.themes),
        year=c.year,
        outcome=c.outcome,
        score=round(hit.score, 6),
        snippet=hit.snippet,
        url=c.url,
        like_reason=hit.like_reason,
        band=c.band,
    )


def search_out(result: SearchResult) -> SearchOut:
    """The docs/interfaces.md §5 object (plus `like`, `offset`, `limit`, `interpreted` and each result's `like_reason`)."""
    like = result.like
    return SearchOut(
        query=result.query.text,
        took_ms=round(result.took_ms, 2),
        total=result.total,
        total_is_estimate=result.total_is_estimate,
        offset=result.query.offset,
        limit=result.query.limit,
        like=LikeOut(
            name=like.name,
            code=like.code,
            population=like.population,
            level=like.level,
            region=like.region,
            fiscal_strength=like.stats.fiscal_strength if like.stats else None,
        )
        if like
        else None,
        interpreted=result.interpreted,
        results=[hit_out(h) for h in result.hits],
    )


class CaseBrief(Shape):
    """A case in a list: enough to read the line and open it."""

    id: str
    title: str
    year: int
    outcome: Outcome
    themes: list[str]
    municipality: str | None = Field(None, description="主たる団体")
    page: str = Field(description="事例ページのパス")


class SimilarTown(Shape):
    town: MunicipalityOut
    score: float
    reason: str | None
    cases: list[CaseBrief]


class ThemeGroup(Shape):
    theme: str
    label: str
    cases: list[CaseBrief]


class ChartPoint(Shape):
    code: str
    name: str
    population: int
    fiscal_strength: float
    role: str = Field(description="self (この団体) / similar (似た団体で事例あり) / other")


class TownOut(Shape):
    town: MunicipalityOut
    line: str = Field(description="一行の紹介 (区分・人口・財政力指数・地方)")
    cases: list[CaseBrief] = Field(description="この団体が参加する事例")
    similar: list[SimilarTown] = Field(description="似た団体のうち事例のあるもの (似ている順)")
    like_them: list[ThemeGroup] = Field(description="似た団体の事例をテーマ別に (失敗・課題ありも含む)")
    chart: list[ChartPoint] = Field(description="人口 × 財政力指数の図の点")
    source: str = Field(description="人口・世帯数・財政指標の出典")


def case_brief(case: Case) -> CaseBrief:
    return CaseBrief(
        id=case.id,
        title=case.title,
        year=case.year,
        outcome=case.outcome,
        themes=list(case.themes),
        municipality=case.lead.name if case.lead else None,
        page=f"/cases/{case.id}",
    )
