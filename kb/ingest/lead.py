"""`Lead`: one would-be case found in a source — a whole page, or one item of a list (an award winner, a
remark in minutes) — with what the source itself states about it. Every lead becomes one draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.case import Outcome
from kb.ingest.page import Page


@dataclass
class Lead:
    page: Page
    key: str  # provenance.source: the URL or file, with #n for one item of a list
    title: str | None = None  # default: the page title
    text: str | None = None  # the part of the page about this lead (default: the whole main text)
    intro: str | None = None  # a sentence the source states for certain, put before the summary
    bodies: tuple[str, ...] = ()  # municipality names the source states, lead body first
    themes: tuple[str, ...] = ()  # themes the source implies, put first
    outcome: Outcome = Outcome.unknown
    lessons: list[str] = field(default_factory=list)
    anonymous_ok: bool = False  # failure lessons often do not name the body

    @property
    def body_text(self) -> str:
        return self.text if self.text is not None else self.page.text

    @property
    def headline(self) -> str:
        return self.title or self.page.title
