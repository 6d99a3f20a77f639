"""What a named source is and what it returns, and how a source follows its index page to each year's page.

A named source knows where a site publishes cases and how its pages are laid out; given a way to fetch a
page (and, optionally, the years wanted) it returns a `Harvest`: the leads it found (one per would-be case)
and the pages it could not read. A source whose site lists its pages on an index (one page per year of an
award, per year's policy speech, per meeting) states how in a `Listing`: which links to follow and the year
each is about, so every year is read, not only the latest, and `kb ingest --year` can pick some.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from kb.errors import IngestError
from kb.ingest.lead import Lead
from kb.ingest.page import Link, Page

FetchPage = Callable[[str], Page]
ALL_YEARS: frozenset[int] = frozenset()


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


def _no_year(link: Link) -> int | None:
    return None


@dataclass(frozen=True)
class Listing:
    """How an index page lists a source's pages: the links to follow, and the year a link is about."""

    wanted: Callable[[Link], bool]
    year: Callable[[Link], int | None] = _no_year
    what: str = "ページ"  # what the links lead to, for the error when there are none (「年ごとのページ」)

    def urls(self, index: Page, years: frozenset[int] = ALL_YEARS) -> list[str]:
        """The wanted links of `index`, each once, oldest year first (page order when they have none);
        only those of `years` when given."""
        links = [link for link in index.links if self.wanted(link)]
        if years:
            links = [link for link in links if self.year(link) in years]
        ordered = sorted(links, key=lambda link: self.year(link) or 0)
        return list(dict.fromkeys(link.url for link in ordered))


def collect_listed(
    fetch: FetchPage,
    index_urls: Iterable[str],
    listing: Listing,
    parse: Callable[[Page], Harvest],
    years: frozenset[int] = ALL_YEARS,
) -> Harvest:
    """Every page each index lists (`listing`), fetched and parsed; an index that lists none is an error."""

    def from_index(index: Page) -> Harvest:
        urls = listing.urls(index, years)
        if not urls and not years:
            raise IngestError(
                f"一覧のページに{listing.what}へのリンクが見つかりません(ページの構成が変わった可能性があります)"
            )
        return collect_each(fetch, urls, parse)

    return collect_each(fetch, index_urls, from_index)


class Collect(Protocol):
    def __call__(self, fetch: FetchPage, years: frozenset[int] = ALL_YEARS) -> Harvest: ...


@dataclass(frozen=True)
class NamedSource:
    name: str
    description: str  # Japanese, one line, for `kb ingest --list`
    urls: tuple[str, ...]  # the pages it starts from
    collect: Collect
