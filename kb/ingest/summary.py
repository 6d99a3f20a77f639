"""A first `summary` for the curator to finish, and the page's key sentences to finish it from.

`compose_summary` writes who did what when, and the figures, in the tool's own words (so the draft is no copy
of the source, which `kb promote` would refuse). `draft_summary` picks the page's leading sentences that say
what the body did — in page order, skipping page furniture (更新日, お問い合わせ, PDF links) and headings
(no 。), preferring those that name the body or the topic, up to ~300 characters — for the draft's comment.
Era years get their Western year added so the curator does not have to convert them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.case import Metric
from kb.ingest.lead import Lead
from kb.ingest.phrases import noun_phrase_before
from kb.ingest.wareki import annotate
from kb.ingest.when import YearChoice, announces, title_terms
from kb.municipalities import Municipality
from kb.text import compact, sentences

FURNITURE = re.compile(
    r"更新日|掲載日|ページ番号|お問い?合わせ|問い合わせ先|印刷|ダウンロード|Adobe|Acrobat|PDF形式|クリック|"
    r"このページ|ページの先頭|Copyright|©|All Rights|電話番号|ファクス|FAX|メールフォーム|JavaScript"
)
CONNECTIVE = re.compile(r"^(また|さらに|そこで|一方|このため|加えて|あわせて)、")
MIN_CHARS, MAX_SENTENCE, MAX_TOTAL, MAX_SENTENCES = 15, 220, 320, 4


def is_prose(sentence: str) -> bool:
    return (
        sentence.endswith(("。", "。)", "。」"))
        and MIN_CHARS <= len(sentence) <= MAX_SENTENCE
        and not FURNITURE.search(sentence)
    )


def draft_summary(text: str, topic_words: tuple[str, ...] = ()) -> str:
    """2–4 leading prose sentences; those mentioning `topic_words` (body, title terms) are preferred."""
    prose = [s for s in sentences(text) if is_prose(s)]
    relevant = [s for s in prose if any(w and w in s for w in topic_words)] or prose
    # Keep page order, starting from the first relevant sentence.
    start = prose.index(relevant[0]) if relevant else 0
    if start and CONNECTIVE.match(prose[start]):
        start -= 1  # 「また、…」 continues the sentence before it
    chosen: list[str] = []
    for sentence in prose[start:]:
        if len(chosen) >= MAX_SENTENCES or (sum(map(len, chosen)) + len(sentence) > MAX_TOTAL and chosen):
            break
        chosen.append(sentence)
    if not chosen:
        lines = [line for line in text.splitlines() if not FURNITURE.search(line)]
        chosen = [(lines or text.splitlines())[0][:MAX_SENTENCE]]
    return annotate(" ".join(chosen))


PAST = {
    "開始": "始めた", "始め": "始めた", "始ま": "始めた", "スタート": "始めた", "導入": "導入した", "運用": "運用を始めた",
    "開設": "開設した", "設置": "設置した", "構築": "構築した", "創設": "創設した", "発足": "発足させた",
    "出航": "始めた", "受賞": "受賞した", "試行": "試行した", "実証": "実証した", "トライアル": "試行した",
    "試験": "試験的に始めた", "配信": "配信を始めた", "提供": "提供を始めた", "公開": "公開した", "実施": "実施した",
    "採用": "採用した", "締結": "締結した", "実装": "実装した", "開発": "開発した", "できるように": "始めた",
}  # fmt: skip
NOUNS = ("導入", "開設", "設置", "構築", "創設", "発足", "受賞", "試行", "実証", "配信", "提供", "公開", "実施", "採用", "締結")  # fmt: skip
MIN_COPY = 15  # kb promote refuses a summary sharing this many characters with the source
MAX_TOPIC = 12


def _topic(year: YearChoice, title: str, skip: tuple[str, ...]) -> str:
    """The initiative, named in a few words: the object of the dating sentence's verb (「書かない」窓口サービス),
    a quoted name in the title, or the title's first terms."""
    if year.sentence and year.start and (at := year.sentence.rfind(year.start)) > 0:
        phrase = _object(year.sentence, at) or _quoted(
            year.sentence, noun_phrase_before(year.sentence, at), at
        )
        if len(phrase) >= 2 and phrase not in skip:
            return _short(phrase)
    quoted = re.findall(r"[「『]([^」』]{2,20})[」』]", title)
    if quoted:
        return f"「{quoted[0]}」"
    terms = [t for t in title_terms(re.sub(r"[((][^))]*[))]", "", title)) if t not in skip]
    return "・".join(terms[:2]) or "この取組"


def _object(sentence: str, verb: int) -> str:
    """What the verb acts on: the phrase before the last 「を」 before it (「のるーと」を市内全域で導入 → 「のるーと」)."""
    mark = sentence.rfind("を", 0, verb)
    if mark <= 0:
        return ""
    if sentence[mark - 1] in "」』":
        return _quoted(
            sentence,
            sentence[sentence.rfind("「" if sentence[mark - 1] == "」" else "『", 0, mark) : mark],
            mark,
        )
    return _quoted(sentence, noun_phrase_before(sentence, mark), mark)


def _short(phrase: str) -> str:
    """A phrase of at most MAX_TOPIC characters, its head kept (住民票のオンライン申請の実証実験 → オンライン申請の
    実証実験): a longer one is a run the source has, which the copy check refuses."""
    while len(phrase) > MAX_TOPIC and "の" in phrase[1:]:
        phrase = phrase.split("の", 1)[1]
    return phrase[-MAX_TOPIC:] if len(phrase) > MAX_TOPIC else phrase


def _quoted(sentence: str, phrase: str, before: int) -> str:
    """The phrase with the quotation it belongs to: 「書かない窓口」 for 窓口, 「書かない」窓口サービス for 窓口サービス."""
    begin = sentence.rfind(phrase, 0, before) if phrase else -1
    if begin < 0:
        return phrase
    end = begin + len(phrase)
    if sentence[end : end + 1] in ("」", "』"):  # inside a quotation: take all of it
        opening = sentence.rfind("「" if sentence[end] == "」" else "『", 0, begin)
        return sentence[opening : end + 1] if opening >= 0 else phrase
    if begin and sentence[begin - 1] in "」』":  # after one: take it with the phrase
        opening = sentence.rfind("「" if sentence[begin - 1] == "」" else "『", 0, begin)
        return sentence[opening:end] if opening >= 0 else phrase
    return phrase


def _when(year: YearChoice) -> str:
    return f"{year.year}年{year.month}月" if year.month else f"{year.year}年"


def _first_sentence(who: str, year: YearChoice, topic: str) -> str:
    # the date after the act, not before it as sources write it: the sentence is not a copy of theirs
    if year.sentence is None:
        return (
            f"{who}は{topic}に取り組んでいる。"
            if year.guessed
            else f"{who}は{topic}に取り組んでいる({year.year}年の出典)。"
        )
    if announces(year.sentence):
        return f"{who}は{topic}に取り組む予定としている({_when(year)}から)。"
    if year.start not in PAST:  # no verb of starting: say no more than the source
        return f"{who}は{topic}に取り組んだ({_when(year)})。"
    verb = PAST[year.start or ""]
    particle = "の" if "を" in verb else "を"  # 「…の配信を始めた」, not 「…を配信を始めた」
    return f"{who}は{topic}{particle}{verb}({_when(year)})。"


def _noun_form(who: str, year: YearChoice, topic: str) -> str:
    """The same in a noun form, when the verb form repeats the source: 「市川市のオンライン申請の実証実験(2019年3月に
    開始)。」"""
    act = year.start if year.start in NOUNS else "開始"
    when = "" if year.guessed else f"({_when(year)}に{act})"
    return f"{who}の{topic}{when}。"


def _figures_sentence(metrics: Sequence[Metric]) -> str:
    shown = [f"{m.label} {m.value}" for m in metrics[:2]]
    return f"出典にある数値は、{'、'.join(shown)}。" if shown else ""


def _copies(sentence: str, source: str) -> bool:
    """Whether the sentence shares 15+ characters with the (compact) source: a substring test per window,
    so a large page costs no index of all its runs."""
    text = compact(sentence)
    return any(text[i : i + MIN_COPY] in source for i in range(len(text) - MIN_COPY + 1))


def compose_summary(
    lead: Lead, body: Municipality | None, year: YearChoice, metrics: Sequence[Metric], text: str
) -> str:
    """A first summary in the tool's own words (who, when, what, which figures), never a copy of the source:
    a composed sentence that shares 15+ characters with it is left out. The curator adds why, how and what
    came of it (the key sentences are in the draft's comment)."""
    who = body.short if body else "ある自治体"
    skip = (body.short, body.name) if body else ()
    source = compact(text)
    topic = _topic(year, lead.headline, skip)
    # a source's own statement (「…を受賞した」) says who and what better than a sentence without a date
    firsts = (
        []
        if lead.intro and year.sentence is None
        else [_first_sentence(who, year, topic), _noun_form(who, year, topic)]
    )
    first = next((s for s in firsts if not _copies(s, source)), "")
    kept = [s for s in (first, _figures_sentence(metrics)) if s and not _copies(s, source)]
    if not kept and not lead.intro:
        kept = [f"{who}の取組({year.year}年)。"]
    summary = " ".join(([lead.intro] if lead.intro else []) + kept)
    return annotate(summary)


def key_sentences(lead: Lead, body: Municipality | None) -> list[str]:
    """The page's sentences about the body and the title's terms, for the curator to write the summary from."""
    text = lead.body_text
    topic = (*((body.short,) if body else ()), *title_terms(lead.headline))
    prose = text.replace(lead.intro, "") if lead.intro else text
    excerpt = draft_summary(prose, topic)
    return [f"本文の要点(要約の材料。写さず自分の言葉で): {excerpt[:240]}"] if excerpt else []
