"""Municipality linking: which bodies a page mentions, ranked so the body the page is *about* comes first.

Mentions are found by the longest official name at each position (島根県益田市 before 島根県). A short name
shared by several bodies (府中市, 美里町) is resolved by the prefectures in context — named in the text, the
site's own prefecture, or the bodies the source states. The page's own body is recognised from the site:
its domain (`city.nogata.fukuoka.jp`, `pref.hiroshima.lg.jp`), its site name (益田市ホームページ) and title.

Among the bodies a text names, the one that performs the initiative is the subject of its verbs
(「岩見沢市では、1月に…を開設」「茨城県は…を導入する」), not the first or the most general place named
(「北海道の自治体で増えています」): each sentence where a body is the subject of a verb of doing (導入, 開設,
開始, 実施, 決定, 中止...) counts for it, half for 「…でも」「…も」 (others that also did it), nothing when the
verb is negated (「…も電子申請を開始していない」).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kb.case import Level
from kb.municipalities import Municipality, Registry
from kb.romaji import body_key, site_key

_HOST = re.compile(r"(?:^|\.)(city|town|vill|village|pref|metro)\.([a-z-]+)\.(?:lg\.jp|([a-z]+)\.jp)$")
_LEVELS = {
    "city": {Level.city, Level.core_city, Level.designated_city, Level.special_ward},
    "town": {Level.town},
    "vill": {Level.village},
    "village": {Level.village},
    "pref": {Level.prefecture},
    "metro": {Level.prefecture},
}
EARLY = 300  # characters: a body named this early is likely the subject
ACTION_WORDS = re.compile(
    r"導入|開設|開始|始め|始ま|スタート|実施|運用|構築|設置|配信|提供|公開|策定|試行|実証|トライアル|採用|整備|"
    r"展開|推進|取り組|創設|発足|立ち上げ|締結|実装|活用|進め|受賞|開発|検討|計画|設け|着手|作っ|作り|作成|"
    r"決定|決め|見送|断念|中止|休止|廃止"
)
NEGATED = re.compile(r"^[^、。]{0,6}?(?:していない|しない|しなかった|せず|ていない|ない)")
_SUBJECT = re.compile(r"(?:では|でも|で|は|が|も|と[^、。\n]{1,20}?(?:は|が))")
_SENTENCE_END = re.compile(r"[。!?\n]")
ACTING_REACH = 120  # characters after the subject in which its verb is looked for


@dataclass
class Candidate:
    body: Municipality
    count: int = 0
    first: int = 1 << 30
    in_title: bool = False
    in_site: bool = False
    site_owner: bool = False
    stated: int | None = None  # position among the bodies the source itself names
    acts: float = 0.0  # sentences where the body is the subject of a verb of doing (kb.ingest.mentions)

    @property
    def score(self) -> float:
        if self.stated is not None:
            return 1000.0 - self.stated
        score = 20.0 * self.site_owner + 10.0 * self.in_site + 6.0 * self.in_title + 8.0 * min(self.acts, 2.0)
        score += min(self.count, 10) + 2.0 * (self.first < EARLY)
        # A prefecture is named on most municipal pages (addresses, breadcrumbs): it leads only with support.
        supported = self.site_owner or self.acts >= 1
        return score * 0.5 if self.body.level == Level.prefecture and not supported else score


class Linker:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.names: dict[str, list[Municipality]] = {}
        self.by_key: dict[str, list[Municipality]] = {}
        for body in registry:
            for name in {body.name, body.short}:
                for variant in {name, name.replace("ケ", "ヶ"), name.replace("ヶ", "ケ")}:
                    self.names.setdefault(variant, []).append(body)
            self.by_key.setdefault(body_key(body.kana), []).append(body)
        self.longest = max(map(len, self.names))

    def matches(self, text: str) -> list[tuple[int, int, list[Municipality]]]:
        """(start, end, candidate bodies) for every name in the text, longest name first at each position."""
        found: list[tuple[int, int, list[Municipality]]] = []
        previous_end, previous_city, i = -1, False, 0
        while i < len(text):
            name = next(
                (text[i : i + n] for n in range(self.longest, 1, -1) if text[i : i + n] in self.names), None
            )
            if name is None:
                i += 1
                continue
            bodies = self.names[name]
            # 札幌市中央区 is a ward of a city, not Tokyo's 中央区.
            if not (i == previous_end and previous_city and bodies[0].level == Level.special_ward):
                found.append((i, i + len(name), bodies))
            previous_end, previous_city, i = i + len(name), name.endswith("市"), i + len(name)
        return found

    def site_owner(self, host: str | None) -> Municipality | None:
        match = _HOST.search(host or "")
        if not match:
            return None
        kind, label, prefecture_label = match.groups()
        levels = _LEVELS[kind]
        bodies = [b for b in self.by_key.get(site_key(label), []) if b.level in levels]
        if prefecture_label:
            bodies = [b for b in bodies if self._prefecture_key(b) == site_key(prefecture_label)] or bodies
        return bodies[0] if len(bodies) == 1 else None

    def _prefecture_key(self, body: Municipality) -> str:
        prefecture = next(iter(self.registry.lookup(body.prefecture)), None)
        return body_key(prefecture.kana) if prefecture else ""

    def rank(
        self,
        text: str,
        title: str = "",
        site: str | None = None,
        host: str | None = None,
        stated: tuple[str, ...] = (),
    ) -> list[Candidate]:
        """Every body mentioned or implied, best first (the stated ones, then the site's own, then by mentions)."""
        found: dict[str, Candidate] = {}
        owner = self.site_owner(host)
        for i, name in enumerate(stated):
            for body in self._resolve_names(name, owner):
                found.setdefault(body.code, Candidate(body, stated=i))
        if owner is not None:
            found.setdefault(owner.code, Candidate(owner)).site_owner = True
        context = {c.body.prefecture for c in found.values()}
        for field, content in (("text", text), ("title", title), ("site", site or "")):
            matches = self.matches(content)
            context |= {bodies[0].prefecture for _, _, bodies in matches if len(bodies) == 1}
            acted: set[tuple[str, int]] = set()  # (code, sentence end): one count per sentence
            for position, end, bodies in matches:
                picked = _pick(bodies, context)
                if picked is None:
                    continue
                candidate = found.setdefault(picked.code, Candidate(picked))
                if field != "text":
                    setattr(candidate, f"in_{field}", True)
                    continue
                candidate.count += 1
                candidate.first = min(candidate.first, position)
                weight, sentence_end = acting(content, end)
                if weight and (picked.code, sentence_end) not in acted:
                    acted.add((picked.code, sentence_end))
                    candidate.acts += weight
        return sorted(found.values(), key=lambda c: -c.score)

    def _resolve_names(self, name: str, owner: Municipality | None) -> list[Municipality]:
        bodies = self.registry.lookup(name)
        if len(bodies) > 1 and owner is not None:
            bodies = [b for b in bodies if b.prefecture == owner.prefecture] or bodies[:0]
        return bodies[:1] if len(bodies) == 1 else []


def acting(text: str, end: int) -> tuple[float, int]:
    """(weight, end of sentence) when the name ending at `end` is the subject of a verb of doing in its sentence:
    1 (「岩見沢市では…開設」), 0.5 for 「…でも」「…も」 (another that also did it), else 0."""
    reach = end + ACTING_REACH + 20  # bounded: a page without 。 costs no more per name
    stop = _SENTENCE_END.search(text, end, reach)
    sentence_end = stop.start() if stop else min(len(text), reach)
    subject = _SUBJECT.match(text, end)
    if subject is None or subject.end() > sentence_end:
        return 0.0, sentence_end
    verb = ACTION_WORDS.search(text, subject.end(), min(sentence_end, subject.end() + ACTING_REACH))
    if verb is None or NEGATED.match(text[verb.end() : sentence_end]):  # 「…を開始していない」 is no act
        return 0.0, sentence_end
    return (0.5 if subject[0] in ("でも", "も") else 1.0), sentence_end


def _pick(bodies: list[Municipality], context: set[str]) -> Municipality | None:
    if len(bodies) == 1:
        return bodies[0]
    in_context = [b for b in bodies if b.prefecture in context]
    return in_context[0] if len(in_context) == 1 else None


@functools.cache
def linker(registry: Registry) -> Linker:
    """One linker per registry (building the name pattern takes a moment)."""
    return Linker(registry)
