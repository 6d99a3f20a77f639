"""What a named source is and what it returns.

A named source knows where a site publishes cases and how its pages are laid out; given a way to fetch a
page it returns a `Harvest`: the leads it found (one per would-be case) and the pages it could not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kb.ingest.lead import Lead
from kb.ingest.page import Page

FetchPage = Callable[[str], Page]


@dataclass
class Harvest:
    leads: list[Lead] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (url, one-line reason)


@dataclass(frozen=True)
class NamedSource:
    name: str
    description: str  # Japanese, one line, for `kb ingest --list`
    urls: tuple[str, ...]  # the pages it starts from
    collect: Callable[[FetchPage], Harvest]
