"""What routes get injected: the index opened at start-up and what the app precomputed from its corpus."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kb.case import Case
from kb.search import Index
from web.japan_map import JapanMap


async def get_index(request: Request) -> Index:
    return request.app.state.index


async def get_map(request: Request) -> JapanMap:
    return request.app.state.japan_map


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
