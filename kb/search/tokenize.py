"""The Japanese text pipeline: NFKC, fugashi + unidic-lite morphemes, lemma terms, stop-words by part of speech.

Every view of a text that search uses starts here: lexical terms (BM25), the morphemes the dense model looks up,
and the character offsets snippets mark. Synonym groups (`kb.search.synonyms`) are matched on the term
sequence, so a variant is found however it is conjugated or written (全角/半角, 手続/手続き).
"""

from __future__ import annotations

import csv
import functools
import threading
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import fugashi

from kb.search.synonyms import SynonymMatch, SynonymTable
from kb.text import nfkc

TOKENIZER_NAME = "fugashi-unidic-lite/lemma+pos-stop/v2+char-bigram-kana/v2"  # what the lexical legs index

# Parts of speech (UniDic pos1) that carry no topic: particles, auxiliaries, symbols, interjections, prefixes.
STOP_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白", "感動詞", "接続詞", "代名詞", "接頭辞"})
# Function-like verbs, adjectives and nouns (lemmas) that every case uses: する, いる, ある, なる, こと, もの ...
STOP_LEMMAS = frozenset(
    [
        "為る",
        "居る",
        "有る",
        "成る",
        "出来る",
        "言う",
        "良い",
        "無い",
        "事",
        "物",
        "為",
        "様",
        "等",
        "所",
        "方",
    ]
)
# pos2 values that make a verb/adjective a helper (書いて「いる」, 作って「みる」)
STOP_POS2 = frozenset({"非自立可能"})


class Token(NamedTuple):
    """One morpheme of normalized text, with its lexical term and where it sits (for snippets)."""

    surface: str
    term: str  # lemma without the English gloss of loanwords, ASCII lower-cased
    lemma: str  # lemma as UniDic writes it (kanji forms like 為る), gloss stripped: chiVe keys look like this
    pos: str
    start: int
    end: int
    content: bool  # False for stop-words


normalize = nfkc  # the form every text is analysed in (kb.text)


def _strip_gloss(lemma: str) -> str:
    # UniDic writes loanword lemmas as `オンライン-online`; keep the Japanese part only.
    head, sep, _ = lemma.partition("-")
    return head if sep and head and not head.isascii() else lemma


def _term(surface: str, lemma: str) -> str:
    if surface.isascii():
        return surface.lower()
    return lemma


@functools.lru_cache(maxsize=200_000)
def _morpheme(surface: str, raw: str) -> tuple[str, str, str, bool]:
    """term, lemma, pos1, content-word? of a morpheme, from UniDic's raw CSV (cached: words repeat a lot)."""
    parts = next(csv.reader([raw])) if '"' in raw else raw.split(",")
    pos1, pos2 = parts[0], parts[1] if len(parts) > 1 else ""
    raw_lemma = parts[7] if len(parts) > 7 and parts[7] != "*" else None  # unknown words have no lemma
    lemma = _strip_gloss(raw_lemma) if raw_lemma else surface
    content = not (
        pos1 in STOP_POS
        or lemma in STOP_LEMMAS
        or (pos2 in STOP_POS2 and pos1 in ("動詞", "形容詞"))
        or surface.isspace()
    )
    return _term(surface, lemma), lemma, pos1, content


@dataclass(frozen=True)
class Analysis:
    """A normalized text, its tokens and the synonym groups found in it."""

    text: str
    tokens: list[Token]
    synonyms: list[SynonymMatch]

    @cached_property
    def content(self) -> list[Token]:
        return [t for t in self.tokens if t.content]

    def terms(self) -> list[str]:
        """Lexical terms: content lemmas, then one term per synonym group found."""
        return [t.term for t in self.content] + [m.group_term for m in self.synonyms]


class Analyzer:
    """fugashi with unidic-lite and the synonym table; thread-safe (the tagger is shared behind a lock)."""

    def __init__(self, synonyms: SynonymTable | None = None):
        self._tagger = fugashi.Tagger()
        self._lock = threading.Lock()
        self.synonyms = (synonyms or SynonymTable([])).compile(self._plain_terms, normalize)
        # snippets analyse the same passages of popular cases again and again
        self.analyze_cached = functools.lru_cache(maxsize=8192)(self.analyze)

    def _plain_terms(self, text: str) -> list[str]:
        return [t.term for t in self.tokens(normalize(text)) if t.content]

    def tokens(self, text: str) -> list[Token]:
        """Every morpheme of the already-normalized `text`, stop-words included (flagged)."""
        with self._lock:
            words = [(w.white_space, w.surface, w.feature_raw) for w in self._tagger(text)]
        out: list[Token] = []
        cursor = 0
        for space, surface, raw in words:
            start = cursor + len(space)
            cursor = start + len(surface)
            term, lemma, pos1, content = _morpheme(surface, raw)
            out.append(Token(surface, term, lemma, pos1, start, cursor, content))
        return out

    def analyze(self, text: str) -> Analysis:
        norm = normalize(text)
        tokens = self.tokens(norm)
        return Analysis(norm, tokens, self.synonyms.find(norm, tokens))

    def terms(self, text: str) -> list[str]:
        return self.analyze(text).terms()
