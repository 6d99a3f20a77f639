"""When the initiative happened: the dated expressions of a text, relative ones resolved against the page's
own date, and the one that dates the initiative.

Absolute years are read by `kb.ingest.wareki` (令和5年度, 2022年, H28). Relative ones need the page's date
(`kb.ingest.pagedate`): 「昨年」「去年」「今年」「来年」 (and 度: the fiscal year, April to March), a month
without a year (「1月に」, the nearest such month before the page's date when the sentence reports, after it
when it announces — by its predicate: 「7月1日から始める」), and a day alone (「19日」, the page's month). A line
that only dates the page (「更新日:2024年10月3日」) dates no initiative.

Each mention is weighed by the clause it governs (from the mention before it to the one after): a verb of
starting counts (the last one is the sentence's predicate, kept for the summary), the initiative's name (the title's first term) counts, other title terms and the lead body
count a little; another body as the clause's subject (「北見市は平成28年度から」), events that are not the
initiative (a mayor taking office, a merger, an earthquake) and history (「2000年ごろ」「2007年から16年にわたり」)
count against. The best wins; a tie goes to the year nearest the page's date (the news it reports), or
without one to the earlier year (the start). With no mention about the initiative, the page's own date dates
it (first reported). An era or fiscal year in the title (「令和6年度施政方針」) wins outright.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kb.ingest.pagedate import PageDate, is_date_line
from kb.ingest.wareki import year_mentions
from kb.text import sentences

START_WORDS = (
    "開始", "始め", "始ま", "導入", "スタート", "運用", "開設", "設置", "構築", "創設", "発足", "出航", "受賞",
    "試行", "実証", "トライアル", "試験", "配信", "提供", "公開", "実施", "採用", "締結", "実装", "開発",
    "できるように", "決定", "見送", "断念", "中止", "休止", "廃止",
)  # fmt: skip
OTHER_EVENTS = re.compile(r"就任|当選|合併|地震|震災|誕生|生まれ|創業|設立され|開庁")
HISTORY = re.compile(r"ごろ|頃|当時|かつて|以前|前身|\d+年(?:間|にも?わたり|以上)")
# a sentence announcing, not reporting: its predicate (the end) is a plan or a non-past verb
FUTURE = re.compile(
    r"(?:予定|計画|見込み?|方針|構想|目指す|します|する|める|いく|行う|います|ります)"
    r"(?:です|だ|である|としている)?[。」)]*$"
)
GENERIC_TERMS = {
    "について",
    "お知らせ",
    "取組",
    "取り組み",
    "事業",
    "推進",
    "ページ",
    "活用",
    "導入",
    "構築",
    "システム",
}
_RELATIVE = re.compile(r"(一昨年|昨年|去年|前年|今年|本年|来年|翌年)(度)?(?:\s*(\d{1,2})\s*月)?")
_OFFSETS = {"一昨年": -2, "昨年": -1, "去年": -1, "前年": -1, "今年": 0, "本年": 0, "来年": 1, "翌年": 1}
_MONTH = re.compile(r"(?<![\d年度/.])(\d{1,2})\s*月(?![額曜間号])")
_DAY = re.compile(r"(?<![\d月/.])(\d{1,2})\s*日(?:\s*[((][月火水木金土日][))])?\s*(?:から|に|より|付|、)")
MAX_SENTENCE, MAX_MENTIONS = 1_000, 30
_AFTER_YEAR_MONTH = re.compile(r"\s*(\d{1,2})\s*月")
PAGE_DATE_IN_TITLE = re.compile(r"(?:令和|平成|(?:19|20)\d{2})\s*\d{0,2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


@dataclass(frozen=True)
class Dated:
    """One dated expression of a sentence (offsets in its NFKC form)."""

    year: int
    start: int
    end: int
    month: int | None = None
    relative: str | None = None  # the expression when it was read against the page's date (「1月」「昨年」)


@dataclass(frozen=True)
class YearChoice:
    year: int
    sentence: str | None  # the sentence the year was read from (None: the title or the page's date)
    basis: str  # for the curator: where the year came from, in Japanese
    month: int | None = None
    start: str | None = None  # the verb of starting in the sentence (開始, 導入...), if any
    guessed: bool = False  # neither the text nor the page states a year: the year it was fetched


def announces(sentence: str) -> bool:
    """Whether a sentence announces (「7月1日から配信を始める」「導入する予定です」) rather than reports (「始めた」
    「始めています」): by its predicate, not by a word inside it (「検討を開始し、…公開した」 reports)."""
    tail = sentence.rstrip()
    return bool(FUTURE.search(tail)) and not re.search(
        r"(?:ています|ていました|ている|てきた)[。」)]*$", tail
    )


def _fiscal(date: PageDate) -> int:
    """The fiscal year (April to March) the page's date falls in."""
    return date.date.year if date.date.month >= 4 else date.date.year - 1


def _month_year(month: int, date: PageDate, future: bool) -> int:
    """The year of a month named without one: the nearest before the page's date (or after, announcing)."""
    page_year, page_month = date.date.year, date.date.month
    if future:
        return page_year if month >= page_month - 1 else page_year + 1
    return page_year if month <= page_month + 1 else page_year - 1


def _relative(text: str, taken: list[tuple[int, int]], date: PageDate) -> list[Dated]:
    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    found: list[Dated] = []
    for m in _RELATIVE.finditer(text):
        year = (_fiscal(date) if m[2] else date.date.year) + _OFFSETS[m[1]]
        found.append(Dated(year, m.start(), m.end(), int(m[3]) if m[3] else None, m[0]))
        taken.append((m.start(), m.end()))
    future = announces(text)
    for m in _MONTH.finditer(text):
        month = int(m[1])
        if 1 <= month <= 12 and free(m.start(), m.end()):
            found.append(Dated(_month_year(month, date, future), m.start(), m.end(), month, m[0]))
            taken.append((m.start(), m.end()))
    for m in _DAY.finditer(text):
        if free(m.start(), m.end()) and 1 <= int(m[1]) <= 31:
            found.append(Dated(date.date.year, m.start(), m.end(), date.date.month, f"{m[1]}日"))
    return found


def dated_mentions(sentence: str, date: PageDate | None = None) -> list[Dated]:
    """Every year the sentence states, with the relative ones resolved when the page's date is known."""
    text = unicodedata.normalize("NFKC", sentence)
    found, taken = [], []
    for y in year_mentions(text):
        after = _AFTER_YEAR_MONTH.match(text, y.end)
        end = after.end() if after else y.end
        found.append(Dated(y.year, y.start, end, int(after[1]) if after else None))
        taken.append((y.start, end))
    if date is not None:
        found += _relative(text, taken, date)
    return sorted(found, key=lambda d: d.start)


def title_terms(title: str) -> tuple[str, ...]:
    """Content words of a title (runs of kanji/katakana/Latin of 2+ characters), those of a quoted name
    (「書かない窓口」) first: the initiative's name."""
    quoted = "".join(re.findall(r"[「『]([^」』]+)[」』]", title))
    terms = re.findall(r"[一-龥々ァ-ヴーA-Za-z]{2,}", quoted + " " + title)
    return tuple(dict.fromkeys(t for t in terms if t not in GENERIC_TERMS))


@dataclass(frozen=True)
class Topic:
    """What the initiative's sentence names: the title's terms, the lead body, the other bodies."""

    terms: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()  # the lead body's names (益田市, 島根県益田市)
    others: tuple[str, ...] = ()  # other bodies' names

    def weight(self, segment: str, sentence: str) -> int:
        def has(term: str) -> bool:
            return term[:4] in segment  # 「住基ポイントデータ」 also matches 「住基ポイント」

        terms = tuple(t for t in self.terms if t not in self.lead)
        weight = 2 * any(w in segment for w in START_WORDS)
        weight += (2 * has(terms[0]) if terms else 0) + any(has(t) for t in terms[1:])
        weight += any(name in sentence for name in self.lead)
        subject = [o for o in self.others if re.search(rf"{re.escape(o)}(?:は|では|が)", segment)]
        weight -= 3 * bool(subject) + 2 * bool(OTHER_EVENTS.search(segment)) + bool(HISTORY.search(segment))
        return weight


def _choice(sentence: str, segment: str, mention: Dated, date: PageDate | None) -> YearChoice:
    how = (
        f"(「{mention.relative}」を{date.label}から{mention.year}年と読みました)"
        if mention.relative and date
        else ""
    )
    start = _predicate(sentence[mention.end :]) or _predicate(segment)
    return YearChoice(mention.year, sentence, f"「{sentence[:120]}」{how}", mention.month, start)


def _predicate(text: str) -> str | None:
    """The verb of starting that comes last (Japanese puts the main verb at the end: 「実証事業で…を締結した」)."""
    found = [(text.rfind(w), w) for w in START_WORDS if w in text]
    return max(found)[1] if found else None


def _title_year(title: str, latest: int) -> int | None:
    """An era or fiscal year naming the title's subject (「令和6年度施政方針」); a full date in a title is the
    page's date (「広報みたか2025年2月16日1面」), not the initiative's."""
    dated_title = PAGE_DATE_IN_TITLE.search(unicodedata.normalize("NFKC", title))
    title = title[: dated_title.start()] + title[dated_title.end() :] if dated_title else title
    years = [y.year for y in year_mentions(title) if 1990 <= y.year <= latest]
    return years[0] if years else None


def initiative_year(
    text: str, title: str, topic: Topic, date: PageDate | None, fallback: int, latest: int
) -> YearChoice:
    """The year the initiative started, and the sentence it was read from (module docstring)."""
    in_title = _title_year(title, latest)
    if in_title is not None:
        return YearChoice(in_title, None, f"タイトル「{title[:60]}」")
    best: tuple[int, int] | None = None  # (weight, tie-break)
    chosen: YearChoice | None = None
    for sentence in (s[:MAX_SENTENCE] for s in sentences(text) if not is_date_line(s)):  # bounded
        mentions = dated_mentions(sentence, date)[:MAX_MENTIONS]
        normalized = unicodedata.normalize("NFKC", sentence)
        for i, mention in enumerate(mentions):
            end = mentions[i + 1].start if i + 1 < len(mentions) else len(normalized)
            start = mentions[i - 1].end if i else 0
            segment = normalized[start:end]
            # ties: the year nearest the page's date (the news it reports), else the earlier (the start)
            tie = -abs(date.date.year - mention.year) if date else -mention.year
            key = (topic.weight(segment, normalized), tie)
            if 1990 <= mention.year <= latest and (best is None or key > best):
                best, chosen = key, _choice(normalized, segment, mention, date)
    if chosen is not None and ((best is not None and best[0] >= 2) or date is None):
        return chosen
    if date is not None:
        return YearChoice(date.date.year, None, f"本文に取組の年がないため、ページの日付({date.label})")
    return YearChoice(fallback, None, "本文にもページにも年がないため、取得日の年(要確認)", guessed=True)
