"""What routes get injected: the index being served and what the app derived from its corpus.

A request takes the served bundle (`web.reload.Served`) once and keeps it, so its index, map and templates are of
one build even if a hot reload swaps the bundle meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from kb.case import Case
from kb.search import Index
from web.japan_map import JapanMap

if TYPE_CHECKING:
    from web.reload import Served


def served(request: Request) -> Served:
    """The bundle this request serves from (taken at its first use)."""
    bundle: Served | None = getattr(request.state, "served", None)
    if bundle is None:
        bundle = request.app.state.served
        request.state.served = bundle
    return bundle


async def get_index(request: Request) -> Index:
    return served(request).index


async def get_map(request: Request) -> JapanMap:
    return served(request).japan_map


IndexDep = Annotated[Index, Depends(get_index)]
MapDep = Annotated[JapanMap, Depends(get_map)]


def cases_by_id(index: Index, ids: list[str]) -> list[Case]:
    """The cases in the order given; CaseNotFound (404) names the first unknown id."""
    return [index.corpus.get(case_id) for case_id in ids]


def known_cases(index: Index, ids: list[str]) -> tuple[list[Case], list[str]]:
    """For pages fed from the browser's kept lists: the known cases in order, and the ids no longer in the
    corpus (a case can be renamed or withdrawn after a trainer kept it) so the page can say so."""
    corpus = index.corpus
    return [corpus.get(i) for i in ids if i in corpus], [i for i in ids if i not in corpus]
