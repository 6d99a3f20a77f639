"""The municipality registry: every prefecture, city, ward (特別区), town and village of Japan.

Names, kana, codes and coordinates come from the `japancode` package; the size class of cities (政令指定都市,
中核市) from `kb/data/city_status.yaml`, which cites the official lists; population, households and finances
from the official statistics of `kb.townstats` (総務省, every body). Lookup accepts a full name (島根県益田市), a short
name (益田市, 益田), kana (ますだし), romaji (masuda, kutchan) or a code (322041 or 32204); ambiguous short names
return every candidate.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources

import yaml

from kb.case import Level, Region
from kb.errors import AmbiguousMunicipality, UnknownMunicipality
from kb.romaji import body_key, romaji
from kb.text import compact, strip_suffix, to_hiragana
from kb.townstats import TownStats, load_town_stats, population_year

# Prefecture number (1–47) → region, the usual eight 地方.
_REGION_BOUNDS = [
    (1, Region.hokkaido),
    (7, Region.tohoku),
    (14, Region.kanto),
    (23, Region.chubu),
    (30, Region.kinki),
    (35, Region.chugoku),
    (39, Region.shikoku),
    (47, Region.kyushu_okinawa),
]
_SUFFIXES = ("市", "町", "村", "区", "都", "道", "府", "県")
_KANA_SUFFIXES = ("し", "ちょう", "まち", "そん", "むら", "く", "と", "どう", "ふ", "けん")


@dataclass(frozen=True)
class Municipality:
    code: str  # 6 digits with check digit
    name: str  # official full name: 島根県益田市, or the prefecture alone: 島根県
    short: str  # 益田市 (= name for a prefecture)
    kana: str  # ますだし
    prefecture: str
    region: Region
    level: Level
    lat: float
    lng: float
    stats: TownStats | None = None  # official figures (kb.townstats)

    @property
    def population(self) -> int | None:
        return self.stats.population if self.stats else None

    @property
    def population_year(self) -> int | None:
        return population_year() if self.stats and self.stats.population else None


def check_digit(code5: str) -> str:
    """The check digit of a 5-digit 全国地方公共団体コード (weights 6..2, modulus 11)."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def region_of_prefecture(number: int) -> Region:
    for last, region in _REGION_BOUNDS:
        if number <= last:
            return region
    raise ValueError(f"prefecture number out of range: {number}")


def normalize(text: str) -> str:
    """NFKC, no spaces, katakana → hiragana, Latin lower-cased: the form every lookup key is stored in."""
    return to_hiragana(compact(text)).lower()


class Registry:
    """All bodies, indexed by code and by every name form a user may type."""

    def __init__(self, bodies: Iterable[Municipality]):
        self._by_code: dict[str, Municipality] = {}
        self._by_key: dict[str, list[Municipality]] = {}
        for body in bodies:
            self._by_code[body.code] = body
            for key in self._keys(body):
                bucket = self._by_key.setdefault(key, [])
                if body not in bucket:
                    bucket.append(body)
        # Completion runs on every keystroke: every name form and code, sorted once, so a prefix is a range;
        # and each body's full names, which rank first when typed in full.
        self._sorted_keys = sorted({*self._by_key, *self._by_code})
        self._full_names = {b.code: {normalize(b.name), normalize(b.short)} for b in self._by_code.values()}

    @staticmethod
    def _keys(body: Municipality) -> set[str]:
        kana = normalize(body.kana)
        return {
            normalize(body.name),
            normalize(body.short),
            strip_suffix(normalize(body.short), _SUFFIXES),
            kana,
            strip_suffix(kana, _KANA_SUFFIXES),
            romaji(kana),  # kutchancho: what a keyboard without an IME, or a visitor, types
            body_key(kana),  # kutchan
        }

    def __iter__(self) -> Iterator[Municipality]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Municipality | None:
        return self._by_code.get(code)

    def lookup(self, query: str) -> list[Municipality]:
        """Every body the query may mean (empty when none)."""
        q = normalize(query)
        if q.isdigit() and len(q) in (5, 6):
            code = q if len(q) == 6 else q + check_digit(q)
            body = self._by_code.get(code)
            return [body] if body else []
        return list(self._by_key.get(q, []))

    def resolve(self, query: str) -> Municipality:
        """Exactly one body, or an error that says what to type instead."""
        found = self.lookup(query)
        if not found:
            raise UnknownMunicipality(
                f"自治体「{query}」が見つかりません。正式名称(例: 島根県益田市)かコードで指定してください。"
            )
        if len(found) > 1:
            raise AmbiguousMunicipality(query, [b.name for b in found])
        return found[0]

    def complete(self, prefix: str, limit: int = 10) -> list[Municipality]:
        """Name/kana/code completion, bodies whose any name form starts with the prefix."""
        q = normalize(prefix)
        if not q:
            return []
        found: dict[str, Municipality] = {}
        for key in itertools.islice(self._sorted_keys, bisect.bisect_left(self._sorted_keys, q), None):
            if not key.startswith(q):
                break
            bodies = self._by_key.get(key) or [self._by_code[key]]
            found.update((b.code, b) for b in bodies)
        hits = sorted(found.values(), key=lambda b: (q not in self._full_names[b.code], b.code))
        return hits[:limit]


def _city_status() -> dict[str, Level]:
    text = resources.files("kb").joinpath("data/city_status.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    status = {name: Level.designated_city for name in data["designated_city"]}
    status.update({name: Level.core_city for name in data["core_city"]})
    return status


def _level(prefecture: str, short: str, status: dict[str, Level]) -> Level:
    if prefecture + short in status:
        return status[prefecture + short]
    if prefecture == "東京都" and short.endswith("区"):
        return Level.special_ward
    return {"市": Level.city, "町": Level.town, "村": Level.village}[short[-1]]


@functools.cache
def load_registry() -> Registry:
    """The registry from the installed `japancode` data (cached: it is read once per process)."""
    data = resources.files("japancode").joinpath("data")
    prefectures = json.loads(data.joinpath("prefectures.json").read_text(encoding="utf-8"))
    cities = json.loads(data.joinpath("municipalities.json").read_text(encoding="utf-8"))
    bodies = _cities(cities, _city_status())
    capitals: dict[str, tuple[float, float]] = {}
    for body in bodies:
        capitals.setdefault(
            body.prefecture, (body.lat, body.lng)
        )  # first listed city: the prefectural capital
    everyone = [*bodies, *(_prefecture(p, capitals[p["pref"]]) for p in prefectures)]
    return (
        Registry(replace(b, stats=figures.get(b.code)) for b in everyone)
        if (figures := _figures())
        else Registry(everyone)
    )


def _figures() -> dict[str, TownStats]:
    try:
        return load_town_stats()
    except FileNotFoundError:  # only while `kb.townstats_import` writes the file for the first time
        return {}


def _cities(rows: list[dict[str, str]], status: dict[str, Level]) -> list[Municipality]:
    """Cities, wards (特別区), towns and villages, in japancode's order."""
    return [
        Municipality(
            code=c["lgcode"].zfill(6),
            name=c["pref"] + c["city"],
            short=c["city"],
            kana=c["citykana"],
            prefecture=c["pref"],
            region=region_of_prefecture(int(c["pid"])),
            level=_level(c["pref"], c["city"], status),
            lat=float(c["lat"]),
            lng=float(c["lng"]),
        )
        for c in rows
        if " " not in c["city"]  # wards of designated cities are not bodies of their own
    ]


def _prefecture(row: dict[str, str], capital: tuple[float, float]) -> Municipality:
    """A prefecture, placed at its capital (japancode has no coordinates for prefectures)."""
    return Municipality(
        code=row["lgcode"].zfill(6),
        name=row["pref"],
        short=row["pref"],
        kana=row["prefkana"],
        prefecture=row["pref"],
        region=region_of_prefecture(int(row["pid"])),
        level=Level.prefecture,
        lat=capital[0],
        lng=capital[1],
    )
