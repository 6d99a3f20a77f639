"""Query understanding: the places, sizes and outcome words in a query, read as soft preferences.

「DXの推進をけん引した福島県の小さな町」 asks for towns in 福島県: treating 福島県 and 小さな町 as ordinary words finds
cases that mention a 町 anywhere. Recognized here, from the query's morphemes and the registry:

- municipalities: a name with its suffix (三鷹市, 島根県益田市; 町田市 is a city, not 「町」) or a bare place name that
  is one body's alone (横須賀, 都城); an ambiguous name (府中市: 東京都 and 広島県) prefers every body it may be,
  and a bare ambiguous stem (府中) is left as a word;
- prefectures (福島県, 福島の…) and regions by their common names (九州, 関西, 北陸, 山陰 …); a bare place name
  glued to a word before it is part of a name (ガブテック東京) and stays in the text too;
- size words: 町, 村, 市, 区, 県 standing alone, 小さな町, 小規模, 町村, 政令市, 中核市, 特別区, 人口1万人未満 …;
  but bare level words of two kinds (「県と市町村が一緒に」, 「県や他の市町と共同で」) name a relation between
  bodies, not the size of the one asked for: they stay ordinary words;
- outcome words: 失敗, うまくいかなかった, 教訓, 頓挫, 中止 … → failures and mixed outcomes.

Each becomes a preferred facet value (`Interpretation.prefer`), and its words leave the text that the legs
search (municipality names stay in the lexical leg, where they match the case's own names). Nothing here is a
hard filter: the search ranks matching cases higher and still shows the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.case import LEVEL_LABELS, OUTCOME_LABELS, REGION_LABELS
from kb.municipalities import Municipality, Registry
from kb.search.tokenize import Analyzer, Token, normalize
from kb.shapes import Interpretation, Reading

SUFFIXES = {"市", "町", "村", "区"}
PREFECTURE_SUFFIXES = {"都", "道", "府", "県"}
# Common names of regions and parts of regions → ("region", ids) or ("prefecture", two-digit numbers).
REGIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "北海道地方": ("region", ("hokkaido",)),
    "東北": ("region", ("tohoku",)),
    "関東": ("region", ("kanto",)),
    "首都圏": ("prefecture", ("11", "12", "13", "14")),
    "北関東": ("prefecture", ("08", "09", "10")),
    "中部": ("region", ("chubu",)),
    "北陸": ("prefecture", ("15", "16", "17", "18")),
    "甲信越": ("prefecture", ("15", "19", "20")),
    "東海": ("prefecture", ("21", "22", "23", "24")),
    "近畿": ("region", ("kinki",)),
    "関西": ("region", ("kinki",)),
    "中国地方": ("region", ("chugoku",)),
    "山陰": ("prefecture", ("31", "32")),
    "山陽": ("prefecture", ("33", "34", "35")),
    "四国": ("region", ("shikoku",)),
    "九州": ("region", ("kyushu_okinawa",)),
    "南九州": ("prefecture", ("45", "46", "47")),
}
SMALL = ("town", "village")
CITIES = ("city", "core_city", "designated_city")
# Size phrases matched on the normalized text (longest first), → preferred levels / bands.
SIZE_PHRASES: list[tuple[str, dict[str, tuple[str, ...]], str]] = [
    ("政令指定都市", {"level": ("designated_city",)}, "政令指定都市"),
    ("指定都市", {"level": ("designated_city",)}, "政令指定都市"),
    ("政令市", {"level": ("designated_city",)}, "政令指定都市"),
    ("大都市", {"level": ("designated_city",)}, "政令指定都市"),
    ("中核市", {"level": ("core_city",)}, "中核市"),
    ("特別区", {"level": ("special_ward",)}, "特別区"),
    ("23区", {"level": ("special_ward",)}, "特別区"),
    ("都道府県", {"level": ("prefecture",)}, "都道府県"),
    ("小規模自治体", {"band": ("lt10k", "10k-50k")}, "人口5万人未満"),
    ("小さな自治体", {"band": ("lt10k", "10k-50k")}, "人口5万人未満"),
    ("小さい自治体", {"band": ("lt10k", "10k-50k")}, "人口5万人未満"),
    ("小規模な", {"band": ("lt10k", "10k-50k")}, "人口5万人未満"),
    ("小規模", {"band": ("lt10k", "10k-50k")}, "人口5万人未満"),
    ("町村", {"level": SMALL}, "町村"),
    ("市町村", {}, ""),  # every kind of municipality: no preference, and the word goes
    ("市区町村", {}, ""),
    ("自治体", {}, ""),
]
STANDALONE_SIZE: dict[str, tuple[dict[str, tuple[str, ...]], str]] = {
    "町": ({"level": ("town",)}, LEVEL_LABELS["town"]),
    "村": ({"level": ("village",)}, LEVEL_LABELS["village"]),
    "市": ({"level": CITIES}, LEVEL_LABELS["city"]),
    "区": ({"level": ("special_ward",)}, LEVEL_LABELS["special_ward"]),
    "県": ({"level": ("prefecture",)}, "都道府県"),
    "都道府県": ({"level": ("prefecture",)}, "都道府県"),
}
SMALL_WORDS = ("小さな", "小さい", "小規模な", "小規模の")  # before 町/村/市: also prefer small populations
POPULATION = re.compile(
    r"人口(?:が)?(\d+(?:\.\d+)?)\s*(万|千)?人?(未満|以下|より少ない|以上|超|を超える|より多い)"
)
BAND_LIMITS = [("lt10k", 10_000), ("10k-50k", 50_000), ("50k-200k", 200_000), ("200k-500k", 500_000)]
OUTCOME_WORDS = re.compile(
    r"失敗|しくじ|うまくいか|上手くいか|うまく行か|頓挫|中止|廃止|撤退|使われな|利用されな|低迷|教訓|反省|トラブル|"
    r"課題あり|課題が残|不具合|不調|挫折|つまず|躓"
)
OUTCOME_PREFER = ("failure", "mixed")
OUTCOME_LABEL = f"{OUTCOME_LABELS['failure']}・{OUTCOME_LABELS['mixed']}"
PARTICLES = ("の", "で", "に", "が", "は", "を", "にある", "内の")
BARE_SIZE_WEIGHT = 0.5
# Bare level words by the kind of body they name: two kinds in one query (県と市町村, 県や他の市町) name bodies
# working together, not the size of the body asked for.
RELATION_KINDS = {
    "町": "small", "村": "small", "町村": "small", "市": "city", "区": "ward",
    "県": "prefecture", "都道府県": "prefecture", "市町村": "all", "市区町村": "all",
}  # fmt: skip


@dataclass
class Understood:
    interpretation: Interpretation
    lexical_text: str  # what the lexical legs search
    dense_text: str  # what the dense leg embeds
    weights: dict[str, float] = field(default_factory=dict)  # facet → strength of its preference (0..1)

    @property
    def prefer(self) -> dict[str, list[str]]:
        return self.interpretation.prefer


@dataclass
class _Found:
    start: int
    end: int
    facet: str
    values: tuple[str, ...]
    label: str
    keep_lexical: bool = False  # municipality names stay in the lexical text
    keep_dense: bool = False  # a place that is part of a longer name stays in the dense text too
    relation: str = ""  # the kind of body a bare level word names (RELATION_KINDS), "" for other readings
    weight: float = (
        1.0  # how strongly matching cases rise (a bare 町 at the end of a sentence is a weak hint)
    )


@dataclass
class _Reader:
    text: str
    tokens: list[Token]
    registry: Registry
    found: list[_Found] = field(default_factory=list)

    def taken(self, start: int, end: int) -> bool:
        return any(f.start < end and start < f.end for f in self.found)

    def add(self, found: _Found) -> None:
        if not self.taken(found.start, found.end):
            self.found.append(found)


def _prefecture_number(body: Municipality) -> str:
    return body.code[:2]


def _names(reader: _Reader) -> None:
    """Municipalities (a place name and its suffix, with the prefecture before it if given), then prefectures:
    in this order, so 島根県益田市 is one name and not a prefecture and a city."""
    tokens, registry = reader.tokens, reader.registry
    pairs = [(i, t, tokens[i + 1]) for i, t in enumerate(tokens[:-1]) if tokens[i + 1].start == t.end]
    for i, token, nxt in pairs:
        if nxt.surface not in SUFFIXES:
            continue
        name = token.surface + nxt.surface
        bodies = [b for b in registry.lookup(name) if b.level.value != "prefecture"]
        bodies = _narrow_by_prefecture(bodies, reader.text)
        if bodies:
            start = _prefecture_start(tokens, i, bodies)
            label = (
                bodies[0].short if len(bodies) == 1 else f"{name}({'・'.join(b.prefecture for b in bodies)})"
            )
            reader.add(_Found(start, nxt.end, "municipality", tuple(b.code for b in bodies), label, True))
    for _, token, nxt in pairs:
        name = token.surface + nxt.surface
        if nxt.surface in PREFECTURE_SUFFIXES or name == "北海道":
            prefecture = [b for b in registry.lookup(name) if b.level.value == "prefecture"]
            if prefecture:
                body = prefecture[0]
                reader.add(_Found(token.start, nxt.end, "prefecture", (_prefecture_number(body),), body.name))
    for token in tokens:
        if token.surface == "北海道":  # one morpheme
            reader.add(_Found(token.start, token.end, "prefecture", ("01",), "北海道"))


def _narrow_by_prefecture(bodies: list[Municipality], text: str) -> list[Municipality]:
    """With several bodies of one name, the one whose prefecture the query also names (広島県府中市)."""
    if len(bodies) < 2:
        return bodies
    named = [b for b in bodies if b.prefecture in text]
    return named or bodies


def _prefecture_start(tokens: list[Token], i: int, bodies: list[Municipality]) -> int:
    """Where a full name begins: 島根県益田市 is one name, not a prefecture and a city."""
    if i >= 2 and len(bodies) == 1:
        prefecture = tokens[i - 2].surface + tokens[i - 1].surface
        if prefecture == bodies[0].prefecture and tokens[i - 1].end == tokens[i].start:
            return tokens[i - 2].start
    if i >= 1 and len(bodies) == 1 and tokens[i - 1].surface == "北海道" and bodies[0].prefecture == "北海道":
        return tokens[i - 1].start
    return tokens[i].start


def _bare_places(reader: _Reader) -> None:
    """A place name without its suffix: a prefecture's (福島の町), or one body's alone (横須賀, 都城)."""
    tokens, registry = reader.tokens, reader.registry
    for i, token in enumerate(tokens):
        if len(token.surface) < 2 or token.pos != "名詞" or reader.taken(token.start, token.end):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.start == token.end and nxt.surface in SUFFIXES | PREFECTURE_SUFFIXES:
            continue
        if not re.fullmatch(r"[\u4e00-\u9fff々ヶケ]+", token.surface):
            continue  # kana and Latin words collide with ordinary words too often
        prev = tokens[i - 1] if i else None
        glued = prev is not None and prev.end == token.start and prev.pos == "名詞"  # ガブテック東京
        bodies = registry.lookup(token.surface)
        prefectures = [b for b in bodies if b.level.value == "prefecture"]
        if prefectures:
            reader.add(
                _Found(
                    token.start,
                    token.end,
                    "prefecture",
                    (_prefecture_number(prefectures[0]),),
                    prefectures[0].name,
                    keep_lexical=glued,
                    keep_dense=glued,
                )
            )
        elif len(bodies) == 1:
            reader.add(
                _Found(
                    token.start, token.end, "municipality", (bodies[0].code,), bodies[0].short, True, glued
                )
            )


def _regions(reader: _Reader) -> None:
    for word, (facet, values) in sorted(REGIONS.items(), key=lambda item: -len(item[0])):
        for m in re.finditer(re.escape(word), reader.text):
            if word == "九州" and reader.text[max(0, m.start() - 1) : m.start()] == "北":
                continue  # 北九州 is a city (found as a name), not the region
            label = REGION_LABELS[values[0]] if facet == "region" else word
            reader.add(_Found(m.start(), m.end(), facet, values, label))


def _sizes(reader: _Reader) -> None:
    text = reader.text
    for phrase, prefer, label in sorted(SIZE_PHRASES, key=lambda item: -len(item[0])):
        for m in re.finditer(re.escape(phrase), text):
            for facet, values in prefer.items() or [("", ())]:
                relation = RELATION_KINDS.get(phrase, "")
                reader.add(_Found(m.start(), m.end(), facet, values, label, relation=relation))
    for m in POPULATION.finditer(text):
        limit = float(m[1]) * {"万": 10_000, "千": 1_000}.get(m[2] or "", 1)
        below = m[3] in ("未満", "以下", "より少ない")
        if below:
            bands = [b for b, top in BAND_LIMITS if top <= limit * 1.0001] or ["lt10k"]
        else:
            bands = [b for b, top in [*BAND_LIMITS, ("ge500k", 10**9)] if top > limit]
        words = f"人口{m[1]}{m[2] or ''}人{m[3]}"
        reader.add(_Found(m.start(), m.end(), "band", tuple(bands), words))
    for i, token in enumerate(reader.tokens):
        entry = STANDALONE_SIZE.get(token.surface)
        if entry is None or reader.taken(token.start, token.end):
            continue
        prev = reader.tokens[i - 1] if i else None
        if prev is not None and prev.end == token.start and prev.pos == "名詞":
            continue  # 福祉町? a compound we do not know: leave it
        prefer, label = entry
        start = token.start
        small = next((w for w in SMALL_WORDS if text[: token.start].endswith(w)), None)
        if small:
            start -= len(small)
        weight = 1.0 if small else BARE_SIZE_WEIGHT
        relation = "" if small else RELATION_KINDS[token.surface]
        label = f"{small}{label}" if small else label
        for facet, values in prefer.items():
            reader.add(_Found(start, token.end, facet, values, label, weight=weight, relation=relation))
        if small:
            reader.found.append(_Found(start, token.end, "band", ("lt10k", "10k-50k"), "人口5万人未満"))


def _outcomes(reader: _Reader) -> None:
    for m in OUTCOME_WORDS.finditer(reader.text):
        end = m.end()
        tail = re.match(
            r"[ぁ-ん]*", reader.text[end:]
        )  # うまくいかなかった, 使われなかった: the whole inflection
        end += len(tail.group()) if tail else 0
        reader.add(_Found(m.start(), end, "outcome", OUTCOME_PREFER, OUTCOME_LABEL))


def _relations(reader: _Reader) -> None:
    """Bare level words of two kinds or more relate bodies to each other: they stay ordinary words."""
    if len({f.relation for f in reader.found if f.relation}) >= 2:
        reader.found = [f for f in reader.found if not f.relation]


def _strip(text: str, spans: list[tuple[int, int]]) -> str:
    """The text without the spans (and a particle right after each), spaces collapsed."""
    out, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        out.append(text[cursor:start])
        cursor = end
        for particle in PARTICLES:
            if text.startswith(particle, cursor):
                cursor += len(particle)
                break
        out.append(" ")
    out.append(text[cursor:])
    return " ".join("".join(out).split())


def understand(
    text: str, analyzer: Analyzer, registry: Registry, skip: frozenset[str] = frozenset()
) -> Understood:
    """What the query's words say about place, size and outcome; `skip` holds `facet:value` keys the user
    removed (a chip's ×), whose words then stay ordinary words."""
    norm = normalize(text)
    reader = _Reader(norm, analyzer.tokens(norm), registry)
    for step in (_names, _regions, _sizes, _bare_places, _outcomes, _relations):
        step(reader)
    kept = [f for f in reader.found if not any(f"{f.facet}:{v}" in skip for v in f.values)]
    prefer: dict[str, list[str]] = {}
    weights: dict[str, float] = {}
    labels: list[str] = []
    readings: list[Reading] = []
    for f in sorted(kept, key=lambda f: f.start):
        if f.facet and f.values:
            readings.append(
                Reading(facet=f.facet, values=list(f.values), label=f.label, words=norm[f.start : f.end])
            )
        if f.facet:
            prefer.setdefault(f.facet, [])
            prefer[f.facet] += [v for v in f.values if v not in prefer[f.facet]]
            weights[f.facet] = max(weights.get(f.facet, 0.0), f.weight)
        if f.label and f.label not in labels:
            labels.append(f.label)
    lexical = _strip(norm, [(f.start, f.end) for f in kept if not f.keep_lexical])
    dense = _strip(norm, [(f.start, f.end) for f in kept if not f.keep_dense])
    interpretation = Interpretation(text=dense, prefer=prefer, labels=labels, readings=readings)
    return Understood(interpretation, lexical, dense, weights)
