"""Understanding a lead: from its text to a `Draft` — body, size class, region, year, themes, summary,
candidate metrics and cost — using the registry and the theme taxonomy.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from kb.case import Cost, MunicipalityRef, Source
from kb.errors import IngestError
from kb.ingest.draft import PLACEHOLDER_URL, Draft, Provenance
from kb.ingest.figures import candidate_cost, candidate_metrics, find_figures
from kb.ingest.lead import Lead
from kb.ingest.mentions import Candidate, linker
from kb.ingest.summary import draft_summary
from kb.ingest.theming import suggest_themes
from kb.ingest.wareki import annotate, year_mentions
from kb.municipalities import Municipality, Registry
from kb.text import sentences
from kb.themes import Theme

START_WORDS = (
    "開始",
    "始め",
    "始ま",
    "導入",
    "スタート",
    "運用",
    "開設",
    "設置",
    "構築",
    "創設",
    "発足",
    "出航",
    "受賞",
)
GENERIC_TERMS = {
    "について",
    "お知らせ",
    "取組",
    "取り組み",
    "事業",
    "推進",
    "ページ",
    "活用",
    "導入",
    "構築",
    "システム",
}
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


def title_terms(title: str) -> tuple[str, ...]:
    """Content words of a title (runs of kanji/katakana/Latin of 2+ characters)."""
    terms = re.findall(r"[一-龥々ァ-ヴーA-Za-z0-9]{2,}", title)
    return tuple(t for t in terms if t not in GENERIC_TERMS)


def _segment_weight(segment: str, terms: tuple[str, ...]) -> int:
    def has(term: str) -> bool:
        return term[:4] in segment  # 「住基ポイントデータ」 also matches 「住基ポイント」

    starts = any(w in segment for w in START_WORDS)
    return 2 * starts + (2 * has(terms[0]) if terms else 0) + any(has(t) for t in terms[1:])


def initiative_year(text: str, title: str, fallback: int, latest: int) -> int:
    """The year the initiative started. An era year in the title wins outright; otherwise each year is
    weighed by the clause it governs (up to the next year in the sentence): a verb of starting counts, the
    initiative's name (the title's first term) counts, other title terms count a little; ties go earlier."""
    in_title = [y.year for y in year_mentions(title) if 1990 <= y.year <= latest]
    if in_title:
        return in_title[0]
    terms = title_terms(title)
    best: tuple[int, int] | None = None  # (weight, -year)
    for sentence in sentences(text):
        mentions = year_mentions(sentence)
        normalized = unicodedata.normalize("NFKC", sentence)
        for i, mention in enumerate(mentions):
            end = mentions[i + 1].start if i + 1 < len(mentions) else len(normalized)
            start = mentions[i - 1].end if i else 0
            weight = _segment_weight(normalized[start:end], terms)
            if 1990 <= mention.year <= latest and (best is None or (weight, -mention.year) > best):
                best = (weight, -mention.year)
    return -best[1] if best else fallback


def _lead_body(lead: Lead, ranked: list[Candidate]) -> Municipality | None:
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


def _summary(lead: Lead, bodies: list[Municipality]) -> str:
    """A first summary from the sentences about the bodies and the title's terms, after the lead's intro."""
    text = lead.body_text
    topic = (*(b.short for b in bodies), *title_terms(lead.headline))
    prose = text.replace(lead.intro, "") if lead.intro else text
    summary = draft_summary(prose, topic)
    return annotate(f"{lead.intro} {summary}" if lead.intro else summary)


def _source(lead: Lead, today: dt.date) -> Source:
    page = lead.page
    accessed = min(page.fetched_at.astimezone(dt.UTC).date(), today)
    return Source(url=page.url or PLACEHOLDER_URL, title=page.title, publisher=page.site, accessed=accessed)


def _profile(body: Municipality | None) -> dict[str, object]:
    """The case fields that describe the lead body (all empty for an anonymous lesson)."""
    return {
        "level": body.level if body else None,
        "population": body.population if body else None,
        "population_year": body.population_year if body else None,
        "region": body.region if body else None,
        "anonymous": body is None,
    }


def understand(lead: Lead, knowledge: Knowledge) -> Understood:
    page, text = lead.page, lead.body_text
    ranked = linker(knowledge.registry).rank(
        text, title=lead.headline, site=page.site, host=page.host, stated=lead.bodies
    )
    body = _lead_body(lead, ranked)
    if body is None and not lead.anonymous_ok:
        raise IngestError("自治体を特定できません(本文・タイトル・サイト名に自治体名がありません)")
    bodies = [c.body for c in ranked if c.stated is not None] or ([body] if body else [])
    figures = find_figures(text)
    initial, annual, cost_note = candidate_cost(figures)
    fetched = page.fetched_at.astimezone(dt.UTC)
    latest = knowledge.today.year + 1
    draft = Draft.model_validate(
        {
            "id": "draft",
            "title": _title(lead, body),
            "municipalities": [MunicipalityRef(name=b.name, code=b.code) for b in bodies],
            **_profile(body),
            "themes": suggest_themes(text, lead.headline, knowledge.themes, first=lead.themes),
            "year": initiative_year(text, lead.headline, min(fetched.year, latest), latest),
            "outcome": lead.outcome,
            "summary": _summary(lead, bodies),
            "lessons": lead.lessons,
            "metrics": candidate_metrics(figures),
            "cost": Cost(initial_yen=initial, annual_yen=annual, note=cost_note) if cost_note else None,
            "sources": [_source(lead, knowledge.today)],
            "provenance": Provenance(source=lead.key, fetched_at=fetched, sha256=page.sha256),
        }
    )
    codes = {b.code for b in bodies}
    others = [c.body for c in ranked if c.body.code not in codes and c.count > 0][:MAX_OTHERS]
    return Understood(draft, others)
