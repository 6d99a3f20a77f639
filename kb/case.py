"""The case record: one pydantic model is the single schema of a case file (docs/interfaces.md §1–4).

`corpus/schema.json`, which editors use to check YAML, is generated from `Case` by `case_json_schema`.
Rules that need the outside world (the municipality registry, the theme list, other files) live in
`kb.validate`; this module holds only what a single file can say about itself.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

CASE_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Level(StrEnum):
    prefecture = "prefecture"
    designated_city = "designated_city"
    core_city = "core_city"
    city = "city"
    special_ward = "special_ward"
    town = "town"
    village = "village"


class Region(StrEnum):
    hokkaido = "hokkaido"
    tohoku = "tohoku"
    kanto = "kanto"
    chubu = "chubu"
    kinki = "kinki"
    chugoku = "chugoku"
    shikoku = "shikoku"
    kyushu_okinawa = "kyushu_okinawa"


class Outcome(StrEnum):
    success = "success"
    mixed = "mixed"
    failure = "failure"
    unknown = "unknown"


class Status(StrEnum):
    planned = "planned"
    pilot = "pilot"
    ongoing = "ongoing"
    ended = "ended"


class Band(StrEnum):
    """Population bands used by filters (docs/interfaces.md §3)."""

    lt10k = "lt10k"
    b10k_50k = "10k-50k"
    b50k_200k = "50k-200k"
    b200k_500k = "200k-500k"
    ge500k = "ge500k"


def band_of(population: int | None) -> Band | None:
    if population is None:
        return None
    for limit, band in ((10_000, Band.lt10k), (50_000, Band.b10k_50k), (200_000, Band.b50k_200k)):
        if population < limit:
            return band
    return Band.b200k_500k if population < 500_000 else Band.ge500k


# Japanese labels keyed by the plain value ("kanto"), the form filters, facet counts and templates hold; a
# StrEnum member (Region.kanto) looks up the same entry.
LEVEL_LABELS: dict[str, str] = {
    "prefecture": "都道府県",
    "designated_city": "政令指定都市",
    "core_city": "中核市",
    "city": "市",
    "special_ward": "特別区",
    "town": "町",
    "village": "村",
}
REGION_LABELS: dict[str, str] = {
    "hokkaido": "北海道",
    "tohoku": "東北",
    "kanto": "関東",
    "chubu": "中部",
    "kinki": "近畿",
    "chugoku": "中国",
    "shikoku": "四国",
    "kyushu_okinawa": "九州・沖縄",
}
OUTCOME_LABELS: dict[str, str] = {
    "success": "成功",
    "mixed": "課題あり",
    "failure": "失敗",
    "unknown": "評価前・不明",
}
BAND_LABELS: dict[str, str] = {
    "lt10k": "1万人未満",
    "10k-50k": "1万〜5万人",
    "50k-200k": "5万〜20万人",
    "200k-500k": "20万〜50万人",
    "ge500k": "50万人以上",
}
STATUS_LABELS: dict[str, str] = {
    "planned": "計画中",
    "pilot": "実証中",
    "ongoing": "実施中",
    "ended": "終了",
}


def people(n: int | None) -> str:
    """A population in words: 44000 → 「4.4万人」, 50000 → 「5万人」, 830 → 「830人」, None → 「不明」."""
    if n is None:
        return "不明"
    return f"{n / 10_000:.1f}万人".replace(".0万", "万") if n >= 10_000 else f"{n:,}人"


def yen(n: int | None) -> str:
    """An amount in words: 51000000 → 「5,100万円」, 133100000 → 「1.33億円」, None → 「—」."""
    if n is None:
        return "—"
    if n >= 100_000_000:
        return f"{n / 100_000_000:.2f}".rstrip("0").rstrip(".") + "億円"
    if n >= 10_000:
        return f"{n / 10_000:,.0f}万円"
    return f"{n:,}円"


NonEmpty = Annotated[str, Field(min_length=1)]
HttpUrl = Annotated[str, Field(pattern=r"^https?://[^\s]+$", description="http(s) URL")]


class Strict(BaseModel):
    # Unknown keys are errors: a curator's typo (`lesson:`) must not silently drop data.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MunicipalityRef(Strict):
    name: NonEmpty = Field(description="都道府県名+市区町村名 (例: 島根県益田市)。都道府県自体は県名のみ。")
    code: str = Field(pattern=r"^\d{6}$", description="6桁の全国地方公共団体コード(検査数字付き)")


class Metric(Strict):
    label: NonEmpty
    value: NonEmpty
    note: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _number_as_text(cls, v: Any) -> Any:
        # `value: 98` is as clear to a curator as `value: "98"`; keep it as text.
        return str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v


class Cost(Strict):
    initial_yen: int | None = Field(None, ge=0, description="初期費用(円)")
    annual_yen: int | None = Field(None, ge=0, description="年間運用費(円)")
    note: str | None = None


class Contact(Strict):
    department: str | None = None
    url: HttpUrl | None = None


class Source(Strict):
    url: HttpUrl
    title: NonEmpty
    publisher: str | None = None
    accessed: dt.date | None = None

    @field_validator("accessed")
    @classmethod
    def _not_in_future(cls, v: dt.date | None) -> dt.date | None:
        if v is not None and v > dt.date.today() + dt.timedelta(days=1):
            raise ValueError("閲覧日が未来の日付です")
        return v


def _max_year() -> int:
    return dt.date.today().year + 1


class Case(Strict):
    id: str = Field(
        pattern=CASE_ID_PATTERN, description="ファイル名(.yaml なし)と同じ。英小文字・数字・ハイフン"
    )
    title: NonEmpty
    municipalities: list[MunicipalityRef] = Field(description="主体の自治体(先頭が主たる団体)")
    level: Level | None = None
    population: int | None = Field(None, gt=0)
    population_year: int | None = Field(None, ge=1900)
    population_source: str | None = Field(
        None, description="人口の出典が事例の sources でないとき (例: 住民基本台帳 2022年1月1日、総務省)"
    )
    region: Region | None = None
    themes: list[str] = Field(min_length=1, description="corpus/themes.yaml のテーマID。先頭が主テーマ")
    year: int = Field(ge=1990, description="取組の開始年(または初出の年)")
    outcome: Outcome
    summary: NonEmpty
    lessons: list[NonEmpty] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    cost: Cost | None = None
    vendors: list[NonEmpty] = Field(default_factory=list)
    contact: Contact | None = None
    status: Status | None = None
    sources: list[Source] = Field(min_length=1)
    anonymous: bool = False

    @field_validator("year", "population_year")
    @classmethod
    def _not_after_next_year(cls, v: int | None) -> int | None:
        if v is not None and v > _max_year():
            raise ValueError(f"{_max_year()} 年より後の年は指定できません")
        return v

    @model_validator(mode="after")
    def _cross_field_rules(self) -> Case:
        problems = []
        if self.outcome in (Outcome.mixed, Outcome.failure) and not self.lessons:
            problems.append("outcome が mixed/failure の事例には lessons(教訓)が必要です")
        if self.population is not None and self.population_year is None:
            problems.append("population を書くときは population_year も必要です")
        if not self.anonymous and not self.municipalities:
            problems.append("municipalities が空です(匿名の失敗事例なら anonymous: true)")
        if not self.anonymous and (self.level is None or self.region is None):
            problems.append("level と region が必要です(匿名事例のみ省略可)")
        if len(set(self.themes)) != len(self.themes):
            problems.append("themes に同じIDが重複しています")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def lead(self) -> MunicipalityRef | None:
        return self.municipalities[0] if self.municipalities else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def band(self) -> Band | None:
        """The population band (docs/interfaces.md §3), derived: part of the JSON, never written in a case file."""
        return band_of(self.population)

    @property
    def url(self) -> str:
        return self.sources[0].url


def case_json_schema(theme_ids: list[str]) -> dict[str, Any]:
    """JSON Schema for editors, with the current theme ids as an enum so they autocomplete."""
    schema = Case.model_json_schema()
    schema["title"] = "自治体DX事例 (corpus/cases/<id>.yaml)"
    schema["properties"]["themes"]["items"] = {"enum": theme_ids, "type": "string"}
    return schema
