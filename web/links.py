"""Links that keep a page's whole state in its URL, so any search can be shared: paging, removing a filter,
and the JSON twin of the page (same parameters under `/api/...`)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import Request


def with_params(request: Request, path: str | None = None, **changes: str | int | None) -> str:
    """The current URL with some parameters replaced (None drops one); `offset` resets unless given."""
    changes.setdefault("offset", None)
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    items += [(k, str(v)) for k, v in changes.items() if v is not None and v != ""]
    query = urlencode(items)
    return (path or request.url.path) + (f"?{query}" if query else "")


def adding(request: Request, items: list[tuple[str, str]]) -> str:
    """The current URL with more values of repeated parameters (offset reset)."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    query = urlencode(kept + [item for item in items if item not in kept])
    return request.url.path + (f"?{query}" if query else "")


def without_value(request: Request, param: str, value: str) -> str:
    """The current URL without one value of a repeated parameter (a filter chip's ×)."""
    items = [
        (k, v) for k, v in request.query_params.multi_items() if (k, v) != (param, value) and k != "offset"
    ]
    query = urlencode(items)
    return request.url.path + (f"?{query}" if query else "")


@dataclass(frozen=True)
class PageLink:
    number: int
    offset: int
    current: bool


@dataclass(frozen=True)
class Pager:
    total: int
    offset: int
    limit: int

    @property
    def first_shown(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.limit, self.total)

    @property
    def previous(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    def pages(self, around: int = 3) -> list[PageLink]:
        """Page numbers near the current one (the first and last always), for a short pager."""
        count = -(-self.total // self.limit)
        current = self.offset // self.limit
        wanted = {0, count - 1, *range(current - around, current + around + 1)}
        return [PageLink(n + 1, n * self.limit, n == current) for n in sorted(wanted) if 0 <= n < count]
