"""Figures a text states — counts, durations, rates, amounts — as candidate metrics and costs for the curator.

A figure is a number with a unit (人, 件, 時間, %, 割, 円, 倍...); dates, years and phone numbers are not. Its
label is the whole noun phrase it is about (`kb.ingest.phrases`: 「窓口の所要時間」, never a cut word), or the
noun it counts (「16人のデジタル人材」). Two figures of one unit in a before/after construction (「約18分から約10分
に短縮」「約18分かかっていたが、約10分に」「2,517人→3,018人」) are one metric: 「約18分 → 約10分」. Figures in
sentences about effects (削減, 短縮, 増加...) rank first. Money is read as yen: spent (費用, 予算, 投じ...) it is
proposed as the cost with its sentence as the note; saved (「1,193万円の削減」) it is a metric.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.case import Metric
from kb.ingest.phrases import noun_phrase_after, noun_phrase_before, noun_right_before, sentence_topic
from kb.text import sentences

_UNITS = "万人|人|件|時間|分間|分|秒|%|割|億円|万円|千円|円|倍|台|校|団体|市町村|市町|か所|箇所|ヶ所|世帯|店舗|枚|回|種類|手続|業務"
_NUMBER = r"\d[\d,]*(?:\.\d+)?(?:[億万千]\d[\d,]*(?:\.\d+)?)*"
FIGURE = re.compile(rf"(?:(約|およそ|最大|最短|年間|月|計|合計)\s*)?({_NUMBER})\s*(億|万|千)?\s*({_UNITS})")
_SCALES = {"億": 100_000_000, "万": 10_000, "千": 1_000}
_FAMILIES = {
    "分": "time",
    "分間": "time",
    "時間": "time",
    "秒": "time",
    "万人": "人",
    "億円": "円",
    "万円": "円",
    "千円": "円",
}
EFFECT_WORDS = (
    "削減",
    "短縮",
    "減少",
    "増加",
    "向上",
    "達成",
    "利用",
    "件数",
    "割合",
    "効果",
    "登録",
    "参加",
    "減ら",
)
CHANGE = re.compile(r"\s*(?:を|の)?\s*(削減|短縮|減少|増加|向上|改善|減ら|増え|伸び)")
TARGET = re.compile(
    r"\s*(?:に|へ|まで)\s*(?:短縮|削減|減少|減|増加|増|向上|改善|伸び|拡大|上昇|低下|なっ|なり)"
)
FROM_TO = re.compile(r"^\s*(?:から|より|→|⇒|->|~|〜|\)?→)\s*$|(?:から|より|→|⇒|かかっていた|だった|であった)")
COST_WORDS = (
    "費用",
    "事業費",
    "経費",
    "予算",
    "コスト",
    "委託料",
    "導入費",
    "構築費",
    "整備費",
    "運用費",
    "使用料",
    "負担",
    "投じ",
    "契約額",
)
SAVED = re.compile(
    r"\s*(?:の|を|分の)?\s*(?:コスト|経費|人件費|費用)?\s*(?:の|が|を)?\s*(?:削減|節減|節約|圧縮|効果)"
)
MAX_METRICS, MAX_PAIR_GAP = 5, 30
MAX_PIECE, MAX_FIGURES = 300, 300  # bounds: a hostile page costs time in proportion to its size


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    sentence: str
    yen: int | None  # the amount in yen when the figure is money (spent, not saved)
    start: int = 0
    end: int = 0
    unit: str = ""
    saved_yen: bool = False  # money saved: a metric, not a cost


def number_value(number: str) -> float:
    """「2万6千」 → 26000, 「5,100」 → 5100, 「1.5」 → 1.5."""
    total, rest = 0.0, number.replace(",", "")
    for part, scale in re.findall(r"([\d.]+)([億万千]?)", rest):
        total += float(part) * _SCALES.get(scale, 1)
    return total


def yen(number: str, scale: str | None, unit: str) -> int | None:
    if not unit.endswith("円"):
        return None
    multiplier = _SCALES.get(unit[:-1], 1) * _SCALES.get(scale or "", 1)
    return round(number_value(number) * multiplier)


def _is_date_or_code(sentence: str, m: re.Match[str]) -> bool:
    after = sentence[m.end() : m.end() + 1]
    before = sentence[max(0, m.start() - 1) : m.start()]
    # 「14時30分」「令和6年11月6日」「0856-31-0100」「第5回」 are not figures (「年22,654時間」 is).
    return before in ("時", "-", "第", ".") or after in ("-", "日", "月", ".")


def _label(sentence: str, m: re.Match[str], saved: bool) -> str:
    """The noun written against the figure (「職員約350人」), the noun it counts (「16人のデジタル人材」), the
    phrase it is about in its clause, the change it measures (「約9,000時間を削減」), or the sentence's topic;
    a change is named with the phrase (「窓口の待ち時間の短縮」, 「経費の削減」)."""
    counted = noun_phrase_after(sentence, m.end())
    change = CHANGE.match(sentence, m.end())
    change_word = change[1] if change and change[1] in ("削減", "短縮", "増加", "減少") else ""
    label = noun_right_before(sentence, m.start()) or (counted if len(counted) >= 3 else "")
    label = label or noun_phrase_before(sentence, m.start())
    if saved and "削減" not in label:
        return f"{label or '費用'}の削減"
    if label:
        return f"{label}の{change_word}" if change_word and change_word not in label else label
    return change_word or counted or sentence_topic(sentence[: m.start()])


def _one(sentence: str, m: re.Match[str]) -> Figure | None:
    if _is_date_or_code(sentence, m) or number_value(m[2]) == 0:
        return None
    amount = yen(m[2], m[3], m[4])
    saved = amount is not None and bool(SAVED.match(sentence, m.end()))
    label = _label(sentence, m, saved) or ("費用" if amount is not None else "")
    value = re.sub(r"\s+", "", m[0])  # 「約 116 時間」 → 「約116時間」
    return Figure(label, value, sentence, None if saved else amount, m.start(), m.end(), m[4], saved)


def _population(f: Figure) -> bool:
    return f.label.endswith("人口") and f.unit in ("人", "万人")


def _family(unit: str) -> str:
    return _FAMILIES.get(unit, unit)


def _paired(a: Figure, b: Figure) -> bool:
    """「約18分から約10分に短縮」「約18分かかっていたが、約10分に」「2,517人(開設2年)→3,018人」."""
    between = a.sentence[a.end : b.start]
    if _family(a.unit) != _family(b.unit) or len(between) > MAX_PAIR_GAP or FIGURE.search(between):
        return False
    return bool(FROM_TO.search(between)) and bool(TARGET.match(a.sentence, b.end) or "→" in between)


def _pairs(found: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for figure in found:
        previous = out[-1] if out else None
        if previous is not None and previous.sentence == figure.sentence and _paired(previous, figure):
            out[-1] = replace(previous, value=f"{previous.value} → {figure.value}", end=figure.end)
            continue
        out.append(figure)
    return out


def _pieces(sentence: str) -> list[str]:
    """A sentence, cut at 、 into pieces of at most MAX_PIECE characters (a page without 。 stays cheap)."""
    pieces = []
    while len(sentence) > MAX_PIECE:
        cut = sentence.rfind("、", 0, MAX_PIECE) + 1 or MAX_PIECE
        pieces.append(sentence[:cut])
        sentence = sentence[cut:]
    return [*pieces, sentence] if sentence else pieces


def find_figures(text: str) -> list[Figure]:
    """Every figure of the text with its label (at most MAX_FIGURES: the first ones)."""
    found: list[Figure] = []
    for sentence in (piece for s in sentences(text) for piece in _pieces(s)):
        figures = [f for m in FIGURE.finditer(sentence) if (f := _one(sentence, m))]
        # a population is proposed on its own (kb.ingest.population)
        found += [f for f in _pairs(figures) if len(f.label) >= 2 and not _population(f)]
        if len(found) >= MAX_FIGURES:
            return found[:MAX_FIGURES]
    return found


def candidate_metrics(figures: list[Figure]) -> list[Metric]:
    def rank(f: Figure) -> int:
        expected = bool(re.search(r"見込|予定|目標|試算|計画", f.sentence))  # a plan, not a result
        return -sum(word in f.sentence for word in EFFECT_WORDS) - 2 * ("→" in f.value) + 2 * expected

    chosen = sorted((f for f in figures if f.yen is None), key=rank)[:MAX_METRICS]
    return [Metric(label=f.label, value=f.value, note=f"本文より(要確認): {f.sentence[:80]}") for f in chosen]


def _kind(f: Figure) -> str:
    before = f.sentence[max(0, f.start - 4) : f.start + 2]
    if re.search(r"月額|毎月|月々|/月", before + f.sentence[f.end : f.end + 3]):
        return "monthly"
    if re.search(r"年間|年額|毎年|年\d", before) or re.search(r"運用|保守|ランニング|年間", f.label):
        return "annual"
    return "initial"


def candidate_cost(figures: list[Figure]) -> tuple[int | None, int | None, str | None]:
    """(initial_yen, annual_yen, note) from money spent, in sentences about costs; the note is the sentence
    (a monthly amount is left in the note: the source does not state the annual one)."""
    initial = annual = None
    notes = []
    for f in figures:
        if f.yen is None or not any(word in f.sentence for word in COST_WORDS):
            continue
        kind = _kind(f)
        if kind == "annual":
            annual = annual or f.yen
        elif kind == "initial":
            initial = initial or f.yen
        notes.append(f.sentence[:120])
    notes = list(dict.fromkeys(notes))[:2]
    return initial, annual, ("本文より(要確認): " + " / ".join(notes)) if notes else None
