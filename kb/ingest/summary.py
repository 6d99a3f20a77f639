"""A first `summary` for the curator to rewrite: the leading sentences that say what the body did.

Sentences are taken in page order, skipping page furniture (更新日, お問い合わせ, PDF links) and headings
(no 。), preferring those that name the body or the topic, up to ~300 characters. Era years get their
Western year added so the curator does not have to convert them.
"""

from __future__ import annotations

import re

from kb.ingest.wareki import annotate
from kb.text import sentences

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
