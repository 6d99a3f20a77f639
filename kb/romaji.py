"""Hiragana to the plain romaji used in case ids and municipal domain names (ますだ → masuda, のおがた → nogata).

Hepburn without macrons; long vowels are collapsed (とうきょう → tokyo) because that is how both case ids and
`city.<name>.lg.jp` domains spell them. `site_key` brings a domain label to the same form (Kunrei → Hepburn).
"""

from __future__ import annotations

import re

from kb.text import strip_suffix, to_hiragana

_DIGRAPHS = {
    "きゃ": "kya", "きゅ": "kyu", "きょ": "kyo", "しゃ": "sha", "しゅ": "shu", "しょ": "sho",
    "ちゃ": "cha", "ちゅ": "chu", "ちょ": "cho", "にゃ": "nya", "にゅ": "nyu", "にょ": "nyo",
    "ひゃ": "hya", "ひゅ": "hyu", "ひょ": "hyo", "みゃ": "mya", "みゅ": "myu", "みょ": "myo",
    "りゃ": "rya", "りゅ": "ryu", "りょ": "ryo", "ぎゃ": "gya", "ぎゅ": "gyu", "ぎょ": "gyo",
    "じゃ": "ja", "じゅ": "ju", "じょ": "jo", "びゃ": "bya", "びゅ": "byu", "びょ": "byo",
    "ぴゃ": "pya", "ぴゅ": "pyu", "ぴょ": "pyo", "ぢゃ": "ja", "ぢゅ": "ju", "ぢょ": "jo",
}  # fmt: skip
_ROWS = {
    "": "あいうえお", "k": "かきくけこ", "s": "さしすせそ", "t": "たちつてと", "n": "なにぬねの",
    "h": "はひふへほ", "m": "まみむめも", "y": "や ゆ よ", "r": "らりるれろ", "w": "わゐ ゑを",
    "g": "がぎぐげご", "z": "ざじずぜぞ", "d": "だぢづでど", "b": "ばびぶべぼ", "p": "ぱぴぷぺぽ",
}  # fmt: skip
_IRREGULAR = {"し": "shi", "ち": "chi", "つ": "tsu", "ふ": "fu", "じ": "ji", "ぢ": "ji", "づ": "zu", "を": "o",
              "ゐ": "i", "ゑ": "e", "ん": "n", "ゔ": "vu"}  # fmt: skip
_SINGLE = {
    kana: consonant + vowel
    for consonant, row in _ROWS.items()
    for kana, vowel in zip(row, "aiueo", strict=True)
    if kana != " "
} | _IRREGULAR
_SUFFIXES = ("けん", "ちょう", "まち", "そん", "むら", "し", "く", "と", "ふ")  # 北海道 keeps its どう
_KUNREI = [("sy", "sh"), ("ty", "ch"), ("zy", "j"), ("si", "shi"), ("ti", "chi"), ("tu", "tsu"),
           ("(?<![sc])hu", "fu"), ("zi", "ji")]  # fmt: skip


def _collapse(text: str) -> str:
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return text


def romaji(kana: str) -> str:
    out, i = [], 0
    kana = to_hiragana(kana)
    while i < len(kana):
        pair = kana[i : i + 2]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            i += 2
            continue
        char = kana[i]
        if char == "っ" and i + 1 < len(kana):
            nxt = _DIGRAPHS.get(kana[i + 1 : i + 3]) or _SINGLE.get(kana[i + 1], "")
            out.append("t" if nxt.startswith("ch") else nxt[:1])
        elif char in _SINGLE:
            out.append(_SINGLE[char])
        i += 1
    return _collapse("".join(out))


def body_key(kana: str) -> str:
    """Romaji of a body's kana without the 市/町/村/県 reading: ますだし → masuda."""
    return romaji(strip_suffix(kana, _SUFFIXES))


def site_key(label: str) -> str:
    """A domain label in the same form: `noogata`, `nogata` → nogata; `hirosima` → hiroshima."""
    label = re.sub(r"[^a-z]", "", label.lower())
    for kunrei, hepburn in _KUNREI:
        label = re.sub(kunrei, hepburn, label)
    return _collapse(label)
