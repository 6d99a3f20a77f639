"""The command line's filter options, generated from the facet table (`kb.facets`): `--theme`, `--region`,
`--prefecture`, `--level`, `--band`, `--outcome`, `--municipality`, plus `--year-min`/`--year-max`.

`with_filters(command)` gives a command one repeatable option per facet and hands it a checked `Filters` as its
`filters` argument, so `kb search` and `kb export` take the same options and a new facet reaches both.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from kb.facets import FACETS, Facet, parameters

YEARS = ("year_min", "year_max")


def _options() -> list[inspect.Parameter]:
    def facet_option(f: Facet) -> Any:
        extra = "。unstated で「不明」を含む" if f.optional else ""
        return Annotated[list[str] | None, typer.Option(f"--{f.name}", help=f.help + extra)]

    def year_option(name: str, text: str) -> Any:
        return Annotated[int | None, typer.Option(f"--{name.replace('_', '-')}", help=text)]

    return parameters(facet_option, year_option)


def with_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """Replace the command's `filters` parameter by the facet options; the command receives `Filters`."""
    signature = inspect.signature(command, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name != "filters"]
    names = [f.name for f in FACETS]

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        raw = {name: kwargs.pop(name) for name in names}
        years = {name: kwargs.pop(name) for name in YEARS}
        from kb.cli import run  # the one place domain errors become exit codes
        from kb.search.filters import Filters  # numpy: imported only by the commands that filter

        filters = run(lambda: Filters.parse(raw, **years))
        return command(filters=filters, **kwargs)

    options = _options()
    wrapper.__signature__ = signature.replace(parameters=[*kept, *options])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*kept, *options]}
    del wrapper.__wrapped__  # Typer must read the new signature, not the original's
    return wrapper
