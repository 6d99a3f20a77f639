"""Understanding a lead: from its text to a `Draft` — who did it (the body that performs the initiative), when
(the year of the sentence about it, relative dates read against the page's own date), size class, region,
population, themes, summary, candidate metrics and cost, and an outcome hint — using the registry and the
theme taxonomy. What the curator should check comes back as notes for the draft's comment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kb.case import Cost, MunicipalityRef, Source
from kb.errors import IngestError
from kb.ingest.draft import PLACEHOLDER_URL, Draft, OutcomeHint, Provenance
from kb.ingest.figures import candidate_cost, candidate_metrics, find_figures
from kb.ingest.ids import draft_id
from kb.ingest.lead import Lead
from kb.ingest.mentions import Candidate, linker
from kb.ingest.outcomes import ResultCue, outcome_hint
from kb.ingest.population import Population, propose_population
from kb.ingest.summary import compose_summary, key_sentences
from kb.ingest.theming import suggest_themes
from kb.ingest.when import Topic, YearChoice, initiative_year, title_terms
from kb.municipalities import Municipality, Registry
from kb.themes import Theme

MAX_TITLE = 80
MAX_OTHERS = 6


@dataclass
class Knowledge:
    """What understanding needs besides the text."""

    registry: Registry
    themes: list[Theme]
    today: dt.date


@dataclass
class Understood:
    draft: Draft
    others: list[Municipality]  # further bodies the text names, for the curator to consider
    notes: list[str] = field(default_factory=list)  # for the draft's comment: what to check and why


@dataclass
class Facts:
    """What the text says besides the body: when, how large, how it went."""

    year: YearChoice
    population: Population | None
    notes: list[str]


def _lead_body(ranked: list[Candidate]) -> Municipality | None:
    if not ranked:
        return None
    top = ranked[0]
    # A body only mentioned in passing is not enough to call the page its own.
    supported = top.stated is not None or top.site_owner or top.in_site or top.in_title or top.count >= 1
    return top.body if supported else None


def _title(lead: Lead, body: Municipality | None) -> str:
    title = lead.headline
    if body is not None and body.short not in title and body.name not in title:
        title = f"{body.short} {title}"
    return title[:MAX_TITLE]


def _source(lead: Lead, today: dt.date) -> Source:
    page = lead.page
    accessed = min(page.fetched_at.astimezone(dt.UTC).date(), today)
    return Source(url=page.url or PLACEHOLDER_URL, title=page.title, publisher=page.site, accessed=accessed)


def _profile(body: Municipality | None, population: Population | None) -> dict[str, object]:
    """The case fields that describe the lead body (all empty for an anonymous lesson)."""
    return {
        "level": body.level if body else None,
        "population": population.value if population else None,
        "population_year": population.year if population else None,
        "population_source": population.source if population else None,
        "region": body.region if body else None,
        "anonymous": body is None,
    }


def _facts(lead: Lead, body: Municipality | None, others: list[Municipality], knowledge: Knowledge) -> Facts:
    page, text = lead.page, lead.body_text
    lead_names = (body.short, body.name) if body else ()
    other_names = tuple(n for o in others for n in (o.short, o.name))
    topic = Topic(title_terms(lead.headline), lead_names, other_names)
    latest = knowledge.today.year + 1
    fetched = min(page.fetched_at.astimezone(dt.UTC).year, latest)
    year = initiative_year(text, lead.headline, topic, page.published, fetched, latest)
    population, notes = propose_population(text, body, other_names, page.published) if body else (None, [])
    dated = f"(ページの日付: {page.published.label})" if page.published else "(ページの日付なし)"
    return Facts(year, population, [f"年 {year.year}: {year.basis} {dated}", *notes])


def _others(ranked: list[Candidate], bodies: list[Municipality]) -> list[Municipality]:
    codes = {b.code for b in bodies}
    return [c.body for c in ranked if c.body.code not in codes and c.count > 0][:MAX_OTHERS]


def understand(lead: Lead, knowledge: Knowledge) -> Understood:
    page, text = lead.page, lead.body_text
    ranked = linker(knowledge.registry).rank(
        text, title=lead.headline, site=page.site, host=page.host, stated=lead.bodies
    )
    body = _lead_body(ranked)
    if body is None and not lead.anonymous_ok:
        raise IngestError("自治体を特定できません(本文・タイトル・サイト名に自治体名がありません)")
    bodies = [c.body for c in ranked if c.stated is not None] or ([body] if body else [])
    others = _others(ranked, bodies)
    facts, figures, hint = _facts(lead, body, others, knowledge), find_figures(text), outcome_hint(text)
    initial, annual, cost_note = candidate_cost(figures)
    themes = suggest_themes(text, lead.headline, knowledge.themes, first=lead.themes)
    metrics = candidate_metrics(figures)
    draft = Draft.model_validate(
        {
            "id": draft_id(body, lead.headline, themes[0], tuple(b.short for b in bodies)),
            "title": _title(lead, body),
            "municipalities": [MunicipalityRef(name=b.name, code=b.code) for b in bodies],
            **_profile(body, facts.population),
            "themes": themes,
            "year": facts.year.year,
            "outcome": lead.outcome,
            "summary": compose_summary(lead, body, facts.year, metrics, text),
            "lessons": lead.lessons,
            "metrics": metrics,
            "cost": Cost(initial_yen=initial, annual_yen=annual, note=cost_note) if cost_note else None,
            "sources": [_source(lead, knowledge.today)],
            "provenance": _provenance(lead, facts, hint),
        }
    )
    notes = [*facts.notes, *([hint.line] if hint else []), *key_sentences(lead, body)]
    return Understood(draft, others, notes)


def _provenance(lead: Lead, facts: Facts, hint: ResultCue | None) -> Provenance:
    page = lead.page
    return Provenance(
        source=lead.key,
        fetched_at=page.fetched_at.astimezone(dt.UTC),
        sha256=page.sha256,
        published=page.published.date if page.published else None,
        year_from=facts.year.basis,
        outcome_hint=OutcomeHint(outcome=hint.outcome, sentence=hint.sentence) if hint else None,
    )
