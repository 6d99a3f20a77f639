"""`ingest_all`: each input (a named source, a URL, a file) to draft files, with a report line per result.

Inputs are independent: one that fails gets a one-line error and the others still complete. A draft is
written only once it is complete and valid, atomically, so a failure leaves no partial file behind. Every input
keeps to one resource budget (`kb.ingest.limits.Limits`), and a URL's credentials (`user:pass@`) are dropped
before it is fetched, reported or recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from pydantic import ValidationError
from tqdm import tqdm

from kb.case import Case
from kb.errors import IngestError, KBError
from kb.ingest.address import strip_credentials
from kb.ingest.draft import Draft, existing_source, render, write_draft
from kb.ingest.duplicates import curated_cases, duplicate_of
from kb.ingest.extract import read_file, read_snapshot
from kb.ingest.fetch import Fetcher
from kb.ingest.harvest import Harvest
from kb.ingest.lead import Lead
from kb.ingest.limits import LIMITS, Limits
from kb.ingest.sources import SOURCES
from kb.ingest.store import PageStore
from kb.ingest.understand import Knowledge, understand
from kb.municipalities import load_registry
from kb.settings import Settings
from kb.themes import load_themes


@dataclass
class Entry:
    source: str
    path: Path | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.error is not None:
            return f"エラー: {self.source}: {self.error}"
        notes = "".join(f" [注意: {w}]" for w in self.warnings)
        return f"下書きを書き出しました: {self.path}{notes}"


@dataclass
class IngestReport:
    entries: list[Entry] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(e.error is not None for e in self.entries)

    def lines(self) -> list[str]:
        return [e.line() for e in self.entries]


@dataclass
class _Run:
    """What every input of one `ingest_all` call shares."""

    knowledge: Knowledge
    curated: dict[Path, Case]
    out_dir: Path
    force: bool
    limits: Limits
    years: frozenset[int] = frozenset()  # named sources: only these years' pages (empty: every year)


def _output_dir(settings: Settings, out: Path | None) -> Path:
    out_dir = (out or settings.corpus / "drafts").resolve()
    cases = (settings.corpus / "cases").resolve()
    if out_dir == cases or cases in out_dir.parents:
        raise IngestError(
            f"下書きを {cases} には書き込めません(事例は人が仕上げて提出します)。--out を変えてください"
        )
    return out_dir


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _shown(given: str) -> str:
    """The input as reported and recorded: a URL without its credentials."""
    return strip_credentials(given) if _is_url(given) else given


def _collect(source: str, fetcher: Fetcher, limits: Limits, years: frozenset[int]) -> Harvest:
    if source in SOURCES:
        return SOURCES[source].collect(lambda url: read_snapshot(fetcher.get(url), limits=limits), years)
    if _is_url(source):
        return Harvest(leads=[Lead(page=read_snapshot(fetcher.get(source), limits=limits), key=source)])
    path = Path(source)
    if path.exists():
        return Harvest(leads=[Lead(page=read_file(path, limits=limits), key=str(path))])
    raise IngestError("名前付きソース・URL・ファイルのどれでもありません(一覧は kb ingest --list)")


def _choose_id(base: str, key: str, run: _Run) -> str:
    """`base`, or `base-2`, ... : the first id that is neither a curated case nor a draft of another source."""
    curated_ids = {path.stem for path in run.curated}
    for n in range(1, 1000):
        candidate = base if n == 1 else f"{base}-{n}"
        path = run.out_dir / f"{candidate}.yaml"
        if candidate in curated_ids or (path.exists() and existing_source(path) != key):
            continue
        return candidate
    raise IngestError(f"下書きのIDを決められません: {base}")


def _write(lead: Lead, run: _Run) -> Entry:
    understood = understand(lead, run.knowledge)
    draft = understood.draft
    draft = Draft.model_validate(
        {**draft.model_dump(exclude={"band"}), "id": _choose_id(draft.id, lead.key, run)}
    )
    notes, warnings = list(understood.notes), []
    if understood.others:
        notes.append(
            "本文に出てくる他の自治体: " + "、".join(f"{b.name}({b.code})" for b in understood.others)
        )
    if duplicate := duplicate_of(draft, run.curated):
        warnings.append(f"既存の事例と重複の可能性: {duplicate}")
    path = write_draft(render(draft, notes + warnings), run.out_dir / f"{draft.id}.yaml", run.force)
    return Entry(lead.key, path=path, warnings=warnings)


def _ingest_one(given: str, fetcher: Fetcher, run: _Run) -> list[Entry]:
    source = _shown(given)
    try:
        harvest = _collect(source, fetcher, run.limits, run.years)
    except IngestError as e:
        return [Entry(source, error=str(e))]
    except (ValueError, httpx.InvalidURL) as e:  # a malformed input fails alone; the others still run
        return [Entry(source, error=f"読み取れません ({e})")]
    entries = [Entry(where, error=message) for where, message in harvest.errors]
    leads = harvest.leads
    for lead in tqdm(leads, desc=source, unit="件", disable=None if len(leads) > 1 else True, leave=False):
        try:
            entries.append(_write(lead, run))
        except IngestError as e:
            entries.append(Entry(lead.key, error=str(e)))
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(map(str, first["loc"]))
            entries.append(Entry(lead.key, error=f"下書きが事例の形式になりません: {where}: {first['msg']}"))
    if source != given:
        for entry in entries:
            entry.warnings.append("URLの認証情報 (user:pass@) は使わず、どこにも記録していません")
    return entries


def ingest_all(
    sources: list[str],
    settings: Settings,
    out: Path | None = None,
    offline: bool = False,
    force: bool = False,
    *,
    allow_private: bool = False,
    limits: Limits = LIMITS,
    years: Iterable[int] = (),
) -> IngestReport:
    """Make draft cases from each source; never raises for a bad input, reports it instead.

    `allow_private` lets URLs reach loopback, link-local and private addresses (an intranet server);
    `limits` is the resource budget every input keeps to; `years` limits named sources to those years' pages
    (default: every year their index lists)."""
    try:
        out_dir = _output_dir(settings, out)
        themes = load_themes(settings.corpus)
    except KBError as e:  # no drafts without a place to write them and the taxonomy to theme them
        return IngestReport([Entry(_shown(source), error=str(e)) for source in sources])
    curated = curated_cases(settings.corpus)
    knowledge = Knowledge(load_registry(), themes, dt.date.today())
    run = _Run(knowledge, curated, out_dir, force, limits, frozenset(years))
    report = IngestReport()
    fetcher = Fetcher(
        PageStore(settings.cache),
        limits=limits,
        offline=offline,
        allow_private=allow_private,
        delay=settings.ingest_delay,
        backoff=settings.ingest_delay,  # a retry first waits the per-host delay, then twice as long...
        timeout=settings.ingest_timeout,
    )
    with fetcher:
        for source in sources:
            report.entries += _ingest_one(source, fetcher, run)
    return report
