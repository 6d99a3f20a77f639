"""The named sources `kb ingest` knows by name (`kb ingest --list`), one module each."""

from __future__ import annotations

from kb.ingest.harvest import NamedSource
from kb.ingest.sources import dxship_hiroshima, failure_lessons, masuda, nogata, tokyo_dx_award

SOURCES: dict[str, NamedSource] = {
    s.name: s
    for s in (
        tokyo_dx_award.SOURCE,
        dxship_hiroshima.SOURCE,
        nogata.SOURCE,
        masuda.SOURCE,
        failure_lessons.SOURCE,
    )
}
