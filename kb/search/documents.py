"""What of a case is searched: its fields, their analysis (done once per build), and its fingerprint.

Lexical fields: `title`; `body` (summary, lessons, and the bodies' names, metrics, vendors); `tags` (the labels of
its themes, so a query in the theme's words finds cases tagged with it). The dense text is the title, the prose
and the tags, weighted (`DENSE_WEIGHTS`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from kb.case import Case
from kb.search.tokenize import Analysis, Analyzer

FIELDS = ("title", "body", "tags")  # lexical fields
# How many times each part counts in the dense vector (a static model's mean): measured on tests/eval, the title
# and theme labels say what a case is about better than its names and figures, which the dense text leaves out.
DENSE_WEIGHTS = {"title": 3, "prose": 1, "tags": 2}


def case_hash(case: Case, theme_labels: dict[str, str]) -> str:
    """Changes whenever anything in the case file, or the label of one of its themes, changes (the manifest
    keeps one per case): labels are part of the indexed text, so renaming a theme must re-embed its cases."""
    labels = json.dumps([theme_labels.get(t, t) for t in case.themes], ensure_ascii=False)
    return hashlib.sha256((case.model_dump_json() + labels).encode()).hexdigest()[:16]


@dataclass
class Document:
    case: Case
    analyzer: Analyzer
    theme_labels: dict[str, str]

    @cached_property
    def parts(self) -> dict[str, str]:
        c = self.case
        names = " ".join(m.name for m in c.municipalities)
        metrics = " ".join(f"{m.label} {m.value}" for m in c.metrics)
        return {
            "title": c.title,
            "prose": " ".join([c.summary, *c.lessons]),
            "extras": " ".join([names, metrics, *c.vendors]),
            "tags": " ".join(self.theme_labels.get(t, t) for t in c.themes),
        }

    @property
    def fields(self) -> dict[str, str]:
        """The text of each lexical field; the body is the prose plus names, figures and vendors."""
        p = self.parts
        return {"title": p["title"], "body": f"{p['prose']} {p['extras']}", "tags": p["tags"]}

    @cached_property
    def analyses(self) -> dict[str, Analysis]:
        return {name: self.analyzer.analyze(value) for name, value in self.parts.items()}

    def terms(self) -> dict[str, list[str]]:
        """Lexical terms per field; the body is the prose plus names, figures and vendors."""
        a = self.analyses
        return {
            "title": a["title"].terms(),
            "body": a["prose"].terms() + a["extras"].terms(),
            "tags": a["tags"].terms(),
        }

    def char_terms(self) -> dict[str, list[str]]:
        """Character bigrams per lexical field (the bigram leg)."""
        from kb.search.lexical import char_terms

        return {name: char_terms(text) for name, text in self.fields.items()}

    @property
    def text(self) -> str:
        """The text a transformer model embeds."""
        return "\n".join(self.parts[name] for name in DENSE_WEIGHTS)
