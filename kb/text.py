"""Japanese text helpers used across the project: one normalizer, kana conversion, sentences, character n-grams.

Everything that compares Japanese text (search, validation, ingest, the copy check) goes through these, so a
variant written in full-width digits, half-width kana or with stray spaces is the same text everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_SENTENCE_END = re.compile(r"(?<=[。!?])|\n")


def nfkc(text: str) -> str:
    """NFKC (全角英数→半角, 半角カナ→全角) with whitespace collapsed to single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def compact(text: str) -> str:
    """NFKC with all whitespace removed: the form for comparing runs of Japanese text."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (ヤマト → やまと); other characters unchanged."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def strip_suffix(text: str, suffixes: tuple[str, ...]) -> str:
    """The text without the first matching suffix, if something of two or more characters is left
    (益田市 → 益田, but 市 stays 市)."""
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def sentences(text: str) -> list[str]:
    """Sentences split at 。!? and line ends, stripped, empty ones dropped."""
    return [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]


def char_bigrams(text: str) -> Counter[str]:
    """Adjacent character pairs, whitespace ignored: the project's measure of shared wording (near-duplicate
    summaries, theme suggestion). Japanese has no spaces between words, so pairs stand in."""
    text = re.sub(r"\s+", "", text)
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def shared_runs(text: str, source: str, min_chars: int = 15) -> list[str]:
    """Every maximal run of at least `min_chars` characters of `text` that also occurs in `source`, both
    compared in `compact` form: the copy check of `kb promote` and `kb check-copy`."""
    t, s = compact(text), compact(source)
    if len(t) < min_chars or len(s) < min_chars:
        return []
    grams = {s[i : i + min_chars] for i in range(len(s) - min_chars + 1)}
    runs, i = [], 0
    while i <= len(t) - min_chars:
        if t[i : i + min_chars] not in grams:
            i += 1
            continue
        j = i + min_chars
        while j < len(t) and t[i : j + 1] in s:
            j += 1
        runs.append(t[i:j])
        i = j
    return runs
