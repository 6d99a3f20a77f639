"""Ingest: from web pages and PDFs to draft cases for a curator to finish (issue 6), and back into the corpus.

`ingest_all` is the one library call behind `kb ingest`; `named_sources` lists the sources it knows by name;
`Limits` is the resource budget every input keeps to (`LIMITS` by default). `kb.ingest.promote.promote`
(`kb promote`) turns a finished draft into a case, and `kb.ingest.copycheck.check_files` (`kb check-copy`)
checks cases' prose against their sources.
"""

from __future__ import annotations

from kb.ingest.limits import LIMITS, LimitExceeded, Limits
from kb.ingest.pipeline import IngestReport, ingest_all
from kb.ingest.sources import SOURCES


def named_sources() -> dict[str, str]:
    """Name → one-line Japanese description, for `kb ingest --list`."""
    return {name: source.description for name, source in SOURCES.items()}


__all__ = ["LIMITS", "IngestReport", "LimitExceeded", "Limits", "ingest_all", "named_sources"]
