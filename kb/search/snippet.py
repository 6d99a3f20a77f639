"""Snippets: the passage of a case that best matches the query, with the matched words marked.

Passages are the sentences of the summary and the lessons. A word is marked when its term is a query term or
when it belongs to a synonym group the query names, so 「ガバクラ」 marks ガバメントクラウド in the case.
The HTML form escapes everything but the <mark> tags; the plain form brackets matches with 【】.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from kb.case import Case
from kb.search.synonyms import SynonymTable
from kb.search.tokenize import Analysis, Analyzer, normalize
from kb.text import sentences

WIDTH = 120  # characters of a snippet
ANALYSED = 2  # passages analysed per case, at most (only those as promising as the best)


@dataclass(frozen=True)
class Snippet:
    html: str
    text: str


@dataclass(frozen=True)
class QueryWords:
    """What of a query a snippet marks."""

    terms: frozenset[str]
    groups: frozenset[str]
    anchors: frozenset[str]  # strings a passage must contain to be worth analysing

    @classmethod
    def of(cls, analysis: Analysis, synonyms: SynonymTable) -> QueryWords:
        anchors = {form.lower() for t in analysis.content for form in (t.surface, t.lemma)}
        for m in analysis.synonyms:
            anchors |= {normalize(v).lower() for v in synonyms.groups[m.group]}
        return cls(
            frozenset(t.term for t in analysis.content),
            frozenset(m.group_term for m in analysis.synonyms),
            frozenset(anchors),
        )


def _spans(analysis: Analysis, words: QueryWords) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for m in analysis.synonyms if m.group_term in words.groups]
    spans += [(t.start, t.end) for t in analysis.content if t.term in words.terms]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    if len(text) <= WIDTH:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - WIDTH // 4, len(text) - WIDTH))
    return start, start + WIDTH


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> Snippet:
    html_parts, text_parts, cursor = [], [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        html_parts += [html.escape(text[cursor:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        text_parts += [text[cursor:s], "【", text[s:e], "】"]
        cursor = e
    html_parts.append(html.escape(text[cursor:end]))
    text_parts.append(text[cursor:end])
    head, tail = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    return Snippet(head + "".join(html_parts) + tail, head + "".join(text_parts) + tail)


def passages(case: Case) -> list[str]:
    return sentences(normalize(case.summary)) + [normalize(lesson) for lesson in case.lessons]


def make_snippet(case: Case, analyzer: Analyzer, words: QueryWords | None) -> Snippet:
    """The best passage (most distinct query words, earliest on ties), marked.

    Analysing is the slow part, so passages are first ordered by how many query strings they contain and
    only the most promising few are analysed.
    """
    candidates = passages(case)
    if not words or not (words.terms or words.groups):
        text = candidates[0] if candidates else ""
        return _render(text, [], *_window(text, []))
    promise = [sum(a in p.lower() for a in words.anchors) for p in candidates]
    order = sorted((i for i in range(len(candidates)) if promise[i]), key=lambda i: -promise[i])
    best_text, best_spans, best_count = candidates[0], [], 0
    for i in order[:ANALYSED]:
        if promise[i] < promise[order[0]]:
            break
        analysis = analyzer.analyze_cached(candidates[i])
        spans = _spans(analysis, words)
        count = len({analysis.text[s:e] for s, e in spans})
        if count > best_count:
            best_text, best_spans, best_count = analysis.text, spans, count
    return _render(best_text, best_spans, *_window(best_text, best_spans))
