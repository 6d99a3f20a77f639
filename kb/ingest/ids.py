"""Draft ids the way curated cases are named: the lead body's romaji and the initiative's key words
(`iwamizawa-kakanai-madoguchi`, `miyakonojo-denshi-keiyaku`), read from the title by morphology
(`kb.ingest.phrases`): loanwords by their English (アプリ → app, プラスチック → plastics), the rest in romaji.
`title_nouns` gives the initiative's nouns as written, which the duplicate check looks for in curated cases.

A title without readable key words falls back to the main theme (`nogata-gis`); a lesson without a body is
`anonymous-…`. The id is checked against the case id pattern; uniqueness against the corpus and other drafts
is the pipeline's (`-2`, `-3`...).
"""

from __future__ import annotations

import re

from kb.case import CASE_ID_PATTERN
from kb.ingest.phrases import Morpheme, morphemes, numeric
from kb.municipalities import Municipality
from kb.romaji import body_key, romaji

MAX_WORDS = 3
MAX_LENGTH = 48
MAX_TITLE = 200


def _wordlist(words: str) -> frozenset[str]:
    return frozenset(words.split())


LOANWORDS = {
    "アプリ": "app", "ナビ": "navi", "システム": "system", "ポータル": "portal", "データ": "data",
    "デジタル": "digital", "スマート": "smart", "オンライン": "online", "サービス": "service",
    "ポイント": "point", "チャット": "chat", "ボット": "bot", "メタバース": "metaverse", "セルフ": "self",
    "レジ": "regi", "マップ": "map", "デマンド": "demand", "オン": "on", "クラウド": "cloud",
    "トライアル": "trial", "バーチャル": "virtual", "ライン": "line", "チャットボット": "chatbot",
}  # fmt: skip
GENERIC_WORDS = _wordlist(  # not key words of an initiative
    "について お知らせ 取組 取り組み 事業 推進 活用 導入 構築 開始 実施 運用 公開 提供 開設 ページ 紹介 事例 "
    "による 向け 支援 等 など 自治体 自治 状況 今後 面 号 特集 ため 的 新た 全国 初 先駆け 市 町 村 区 "
    "県 こと もの よう 目指す 目指し"
)  # fmt: skip


def key_words(title: str, skip: tuple[str, ...] = (), limit: int = 3) -> list[str]:
    """Romaji of a title's key words, for an id: a quoted name first (「調布ごみナビ」) when it has two or more,
    particles, generic words and the body's own names (`skip`) left out; a suffix joins its noun (住民票 →
    juminhyo) and a verb keeps its negation (書かない → kakanai)."""
    title = title[:MAX_TITLE]
    for inner in re.findall(r"[「『]([^」』]+)[」』]", title):
        words = _words(inner, skip)
        if len(words) >= 2:
            return words[:limit]
    return _words(title, skip)[:limit]


def _reading(m: Morpheme) -> str:
    """ASCII as written, a loanword by its English (UniDic's gloss: プラスチック-plastic), else romaji."""
    if m.surface.isascii():
        return m.surface.lower()
    gloss = (m.lemma or "").partition("-")[2]
    english = gloss if gloss.isascii() and gloss.isalpha() and len(gloss) <= 10 else ""
    return LOANWORDS.get(m.surface) or english.lower() or romaji(m.kana or "")


def _katakana(text: str) -> bool:
    return bool(re.fullmatch(r"[ァ-ヴー]+", text))


def _joins(words: list[Morpheme], i: int) -> bool:
    """A suffix, a one-kanji noun, or katakana after a short katakana piece (オン+ライン, セミ+セルフ), written
    right after a noun: part of that noun's word."""
    m, before = words[i], words[i - 1] if i else None
    if before is None or before.end != m.start or before.pos != "名詞" or before.pos2 == "数詞":
        return False
    if _katakana(m.surface) and _katakana(before.surface) and len(before.surface) <= 2:
        return True
    return m.pos == "接尾辞" or (m.pos == "名詞" and len(m.surface) == 1 and not m.surface.isascii())


def _words(text: str, skip: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    skipped = {name for name in skip if name}
    words = morphemes(text)
    for i, m in enumerate(words):
        if m.surface in skipped or m.surface in GENERIC_WORDS or m.lemma in GENERIC_WORDS:
            continue
        after = words[i + 1] if i + 1 < len(words) else None
        if m.pos == "動詞" and after is not None and after.surface in ("ない", "ず"):
            out.append(_reading(m) + romaji(after.kana or ""))
        elif _joins(words, i) and out:  # 住民+票, 全庁+型: one word
            out[-1] += _reading(m)
        elif m.pos == "名詞" and m.pos2 not in ("数詞", "代名詞") and not numeric(words, i):
            out.append(_reading(m))
    return list(dict.fromkeys(w for w in out if w.isascii() and w.isalnum()))


def title_nouns(title: str, skip: tuple[str, ...] = ()) -> list[str]:
    """The nouns of a title that name the initiative (住民票, LINE, 申請), as written: no parenthesised
    source or date, no generic words, no body names (`skip`, or any name ending in 市町村区)."""
    title = re.sub(r"[((][^))]*[))]", "", title)
    out: list[str] = []
    words = morphemes(title)
    for i, m in enumerate(words):
        if m.pos == "接尾辞" and out and i and words[i - 1].end == m.start and words[i - 1].pos == "名詞":
            out[-1] += m.surface
        elif (
            m.pos == "名詞"
            and m.pos2 not in ("数詞", "代名詞")
            and (len(m.surface) >= 2 or m.surface.isascii())
        ):
            out.append(m.surface)
    return [w for w in dict.fromkeys(out) if w not in GENERIC_WORDS and not any(w in s for s in skip)]


def draft_id(body: Municipality | None, title: str, theme: str, names: tuple[str, ...] = ()) -> str:
    """`<body romaji>-<key words>`; `names` are the bodies' names to leave out of the key words."""
    head = body_key(body.kana) if body else "anonymous"
    skip = (*names, *((body.short, body.name, body.short[:-1]) if body else ()))
    words = [w for w in key_words(title, skip, MAX_WORDS) if w != head]
    base = "-".join([head, *(words or [theme])])
    base = re.sub(r"[^a-z0-9-]+", "", base.lower()).strip("-")
    base = re.sub(r"-{2,}", "-", base)[:MAX_LENGTH].rstrip("-")
    return base if re.fullmatch(CASE_ID_PATTERN, base) else f"{head}-{theme}"
