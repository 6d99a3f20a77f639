"""Query parameters shared by the HTML pages and the JSON API, with their bounds (CONTRACT §6).

A page and its JSON twin take the same parameters through the same dependency, so `/?q=窓口&region=chugoku`
and `/api/search?q=窓口&region=chugoku` make the same library call. Bad values raise `InvalidParameter`
(or FastAPI's validation error), which `web.errors` turns into a 422 naming the parameter.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from kb.case import Band, Level, Outcome, Region
from kb.errors import InvalidParameter
from kb.search import Filters, SearchQuery

MAX_QUERY = 200  # characters of `q`: a need, not a document
MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_IDS = 50  # cases in one collection or export


async def search_query(
    q: Annotated[str, Query(max_length=MAX_QUERY, description="探したいこと。空なら新しい順の一覧")] = "",
    theme: Annotated[list[str] | None, Query(max_length=30, description="テーマID (複数可・OR)")] = None,
    region: Annotated[list[Region] | None, Query(description="地方 (複数可・OR)")] = None,
    level: Annotated[list[Level] | None, Query(description="団体区分 (複数可・OR)")] = None,
    band: Annotated[list[Band] | None, Query(description="人口帯 (複数可・OR)")] = None,
    outcome: Annotated[list[Outcome] | None, Query(description="結果 (複数可・OR)")] = None,
    # Text, not int: a form submitted without JS sends `year_min=` for an empty box, which means "no bound".
    year_min: Annotated[
        str | None, Query(max_length=10, description="開始年の下限 (1900〜2100、空なら指定なし)")
    ] = None,
    year_max: Annotated[
        str | None, Query(max_length=10, description="開始年の上限 (1900〜2100、空なら指定なし)")
    ] = None,
    like: Annotated[
        str | None,
        Query(max_length=100, description="「うちと似た町」: 自治体名・かな・コード (例: 島根県益田市)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="1ページの件数")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="先頭から飛ばす件数")] = 0,
) -> SearchQuery:
    filters = Filters.parse(
        themes=theme,
        regions=[v.value for v in region or []],
        levels=[v.value for v in level or []],
        bands=[v.value for v in band or []],
        outcomes=[v.value for v in outcome or []],
        year_min=year_min,
        year_max=year_max,
    )
    return SearchQuery(text=q, filters=filters, like=like or None, limit=limit, offset=offset)


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
        raise InvalidParameter("ids", f"{MAX_IDS} 件以内で指定してください")
    return list(seen)


IdsDep = Annotated[list[str], Depends(case_ids)]
