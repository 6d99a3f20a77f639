"""Words of a Japanese text by morphology (fugashi + unidic-lite, as search uses): whole noun phrases for
metric labels and summaries (the readings of a title's key words, for ids, are `kb.ingest.ids`).

A noun phrase is a run of nouns, prefixes and suffixes (「所要時間」「全庁型GIS」), joined across 「の」 to the
run before it (「窓口の所要時間」). Words that only place a figure in time or say it is a total (これまで,
従来, 合計, 年間...) are not labels: the phrase sought is the figure's subject, before them.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

import fugashi


def _wordlist(words: str) -> frozenset[str]:
    return frozenset(words.split())


NOUNISH = frozenset({"名詞", "接頭辞", "接尾辞"})
SKIP_NOUNS = _wordlist(  # words that place a figure, not name it
    "これまで 従来 今回 現在 当初 合計 総計 計 全体 年間 月間 月額 年額 期間 平均 約 およそ 最大 最短 うち "
    "前年 昨年度 今年度 本年度 年度 新年度 来年度 前 後 以前 以降 時点 導入前 導入後 実施前 実施後 比 同 "
    "当時 結果 延べ 毎年 毎月 ため こと もの よう ところ ほか ほど など 等 中 うえ 年 月 日"
)  # fmt: skip
TOPIC = frozenset({"は", "が", "を", "も"})  # not では: a setting (「委員会では」), not the subject
GLUE = frozenset({"で", "だ"})  # the copula: no clause boundary
MAX_LABEL = 24


@dataclass(frozen=True)
class Morpheme:
    surface: str
    pos: str  # UniDic pos1: 名詞, 動詞, 助詞 ...
    pos2: str
    kana: str | None  # reading in katakana (None for unknown words such as Latin letters)
    lemma: str | None
    start: int
    end: int
    form: str = ""  # conjugation form (連用形-一般 ...)


_lock = threading.Lock()


@functools.cache
def _tagger() -> fugashi.Tagger:
    return fugashi.Tagger()


@functools.lru_cache(maxsize=512)  # a sentence is read once for all its figures
def _tokens(text: str) -> tuple[Morpheme, ...]:
    return tuple(morphemes_of(text))


def morphemes(text: str) -> list[Morpheme]:
    return list(_tokens(text))


def morphemes_of(text: str) -> list[Morpheme]:
    with _lock:
        words = [(w.white_space, w.surface, w.feature) for w in _tagger()(text)]
    out, cursor = [], 0
    for space, surface, f in words:
        start = cursor + len(space)
        cursor = start + len(surface)
        out.append(Morpheme(surface, f.pos1, f.pos2, f.kana, f.lemma, start, cursor, f.cForm or ""))
    return out


def numeric(words: list[Morpheme], i: int) -> bool:
    """A number or the counter right after one (「2」「年」 of 「2年」)."""
    return words[i].pos2 == "数詞" or (i > 0 and words[i - 1].pos2 == "数詞" and words[i].pos in NOUNISH)


def _word(words: list[Morpheme], i: int) -> bool:
    """Part of a noun phrase: a noun, prefix or suffix that is no number and no time-or-total word, or a verb's
    連用形 right before one (待ち時間, 申し込み件数)."""
    m = words[i]
    if m.surface in SKIP_NOUNS or numeric(words, i):
        return False
    if m.pos == "動詞" and m.form.startswith("連用形") and i + 1 < len(words):
        nxt = words[i + 1]
        return nxt.start == m.end and nxt.pos == "名詞" and nxt.pos2 != "数詞"
    return m.pos in NOUNISH


def _run(words: list[Morpheme], i: int) -> int:
    """Index where the phrase ending at index i starts, joined across 「の」 to the run before it."""
    j = i
    while j > 0 and _word(words, j - 1):
        j -= 1
    if j >= 2 and words[j - 1].surface == "の" and _word(words, j - 2):
        j -= 2
        while j > 0 and _word(words, j - 1):
            j -= 1
    while j < i and words[j].pos == "接頭辞" and words[j].surface in ("本", "同", "各", "全"):
        j += 1
    return j


def noun_phrase_before(text: str, offset: int) -> str:
    """The whole noun phrase a figure at `offset` is about, or '': a phrase joined to it by 「の」
    (「印刷作業等の全5業務」), else the phrase marked as its topic, subject or object within its clause (up to
    one 、: 「窓口の所要時間は、これまで約18分」), else the nearest phrase before any 、."""
    words = [m for m in morphemes(text) if m.end <= offset]  # the whole sentence: 「全」 is read as a prefix
    i = len(words) - 1
    while i >= 0 and words[i].pos == "接頭辞":  # 「約」「全」 belong to the figure
        i -= 1
    if i >= 1 and words[i].surface == "の" and _word(words, i - 1):
        return text[words[_run(words, i - 1)].start : words[i - 1].end][-MAX_LABEL:]
    nearest, commas = "", 0
    while i >= 0:
        m = words[i]
        commas += m.surface in ("、", ",")
        if commas > 1 or (
            m.pos in ("動詞", "形容詞", "助動詞") and m.surface not in GLUE and not _word(words, i)
        ):
            break  # another clause begins before this
        if not _word(words, i) or (m.pos == "接頭辞" and (i + 1 >= len(words) or not _word(words, i + 1))):
            i -= 1
            continue
        start = _run(words, i)
        phrase = text[words[start].start : m.end][-MAX_LABEL:]
        if i + 1 < len(words) and words[i + 1].surface in TOPIC:
            return phrase
        if not nearest and not commas:
            nearest = phrase
        i = start - 1
    return nearest


def sentence_topic(text: str) -> str:
    """The phrase a sentence is about: its first noun phrase marked by は or が (「登録者は…」)."""
    words = morphemes(text)
    for i, m in enumerate(words[1:], 1):
        if m.surface in ("は", "が") and _word(words, i - 1):
            return text[words[_run(words, i - 1)].start : words[i - 1].end][-MAX_LABEL:]
        if m.surface in ("。", "、") and i > 12:
            break
    return ""


def noun_right_before(text: str, offset: int) -> str:
    """「職員約350人」「回答者70人」: the noun phrase written right against a figure (only 約, 計... between)."""
    words = [m for m in morphemes(text) if m.end <= offset]  # the whole sentence: 「全」 is read as a prefix
    i = len(words) - 1
    while i >= 0 and words[i].pos == "接頭辞":  # 「約」「全」「計」 belong to the figure
        i -= 1
    if i < 0 or not _word(words, i) or (i + 1 < len(words) and words[i + 1].start != words[i].end):
        return ""
    return text[words[_run(words, i)].start : words[i].end][-MAX_LABEL:]


def noun_phrase_after(text: str, offset: int) -> str:
    """「16人のデジタル人材」: the noun phrase a figure counts, when it follows 「の」 right after it."""
    words = morphemes(text[offset : offset + 40])
    if len(words) < 2 or words[0].surface != "の":
        return ""
    end = 1
    while end < len(words) and _word(words, end):
        end += 1
    return text[offset + words[1].start : offset + words[end - 1].end] if end > 1 else ""
