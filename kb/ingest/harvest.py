"""What a named source is and what it returns.

A named source knows where a site publishes cases and how its pages are laid out; given a way to fetch a
page it returns a `Harvest`: the leads it found (one per would-be case) and the pages it could not read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kb.errors import IngestError
from kb.ingest.lead import Lead
from kb.ingest.page import Page

FetchPage = Callable[[str], Page]


@dataclass
class Harvest:
    leads: list[Lead] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (url, one-line reason)


def collect_each(fetch: FetchPage, urls: Iterable[str], parse: Callable[[Page], Harvest]) -> Harvest:
    """Fetch and parse each page; one that cannot be read becomes an error and the others still count."""
    harvest = Harvest()
    for url in urls:
        try:
            found = parse(fetch(url))
        except IngestError as e:
            harvest.errors.append((url, str(e)))
            continue
        harvest.leads += found.leads
        harvest.errors += found.errors
    return harvest


@dataclass(frozen=True)
class NamedSource:
    name: str
    description: str  # Japanese, one line, for `kb ingest --list`
    urls: tuple[str, ...]  # the pages it starts from
    collect: Callable[[FetchPage], Harvest]
