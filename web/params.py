"""Query parameters shared by the HTML pages and the JSON API, with their bounds (docs/interfaces.md §6).

A page and its JSON twin take the same parameters through the same dependency, so `/?q=窓口&region=chugoku`
and `/api/search?q=窓口&region=chugoku` make the same library call. The filter parameters are generated from
the facet table (`kb.facets`), one repeatable parameter per facet. Bad values raise `InvalidParameter` (or
FastAPI's validation error), which `web.errors` turns into a 422 naming the parameter.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from fastapi import Depends, Query
from pydantic import StringConstraints

from kb.errors import InvalidParameter
from kb.facets import FACETS, Facet, labels_with_unstated, parameters
from kb.search import Filters, SearchQuery

MAX_QUERY = 200  # characters of `q`: a need, not a document
MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_IDS = 50  # cases in one collection or export
FacetValue = Annotated[str, StringConstraints(min_length=1, max_length=100)]  # one value (or a comma list)


def _facet_description(facet: Any) -> str:
    if not facet.fixed:
        return facet.help
    values = "、".join(f"`{v}`({label})" for v, label in labels_with_unstated(facet).items())
    return f"{facet.help}。値: {values}"


def _filter_parameters() -> list[inspect.Parameter]:
    def facet_query(f: Facet) -> Any:
        return Annotated[list[FacetValue] | None, Query(max_length=60, description=_facet_description(f))]

    def year_query(name: str, text: str) -> Any:
        # Text, not int: a form submitted without JS sends `year_min=` for an empty box, meaning "no bound".
        return Annotated[str | None, Query(max_length=10, description=f"{text}。1900〜2100、空なら指定なし")]

    return parameters(facet_query, year_query)


def filters_from(values: dict[str, Any]) -> Filters:
    return Filters.parse(
        {f.name: values.get(f.name) for f in FACETS}, values.get("year_min"), values.get("year_max")
    )


async def _filters(**values: Any) -> Filters:
    return filters_from(values)


_filters.__signature__ = inspect.Signature(_filter_parameters(), return_annotation=Filters)  # type: ignore[attr-defined]
FiltersDep = Annotated[Filters, Depends(_filters)]


async def search_query(
    filters: FiltersDep,
    q: Annotated[str, Query(max_length=MAX_QUERY, description="探したいこと。空なら新しい順の一覧")] = "",
    like: Annotated[
        str | None,
        Query(max_length=100, description="「うちと似た町」: 自治体名・かな・コード (例: 島根県益田市)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="1ページの件数")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="先頭から飛ばす件数")] = 0,
    interpret: Annotated[
        bool, Query(description="false にすると、語から読み取った場所・規模・結果の優先をしない")
    ] = True,
    skip: Annotated[
        list[FacetValue] | None,
        Query(
            max_length=20,
            description="読み取りを外す `ファセット:値` (例: prefecture:07)。その語は普通の語になる",
        ),
    ] = None,
) -> SearchQuery:
    skipped = frozenset(v.strip() for item in skip or [] for v in item.split(",") if v.strip())
    return SearchQuery(
        text=q,
        filters=filters,
        like=like or None,
        limit=limit,
        offset=offset,
        understand=interpret,
        skip=skipped,
    )


SearchDep = Annotated[SearchQuery, Depends(search_query)]


async def case_ids(
    ids: Annotated[
        list[str] | None, Query(max_length=MAX_IDS, description="事例ID (繰り返すかカンマ区切り、この順)")
    ] = None,
) -> list[str]:
    """Ids in the order given, duplicates dropped: `?ids=a&ids=b` or `?ids=a,b`."""
    seen: dict[str, None] = {}
    for item in ids or []:
        for value in item.split(","):
            if value.strip():
                seen.setdefault(value.strip(), None)
    if len(seen) > MAX_IDS:
        raise InvalidParameter("ids", f"事例は {MAX_IDS} 件以内で指定してください")
    return list(seen)


IdsDep = Annotated[list[str], Depends(case_ids)]
