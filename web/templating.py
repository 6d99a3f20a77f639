"""The Jinja2 environment of the pages: autoescaping on, Japanese labels and number formats as globals/filters.

Templates get library objects (`Case`, `Hit`) and label them here, so no route formats text by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from kb.case import BAND_LABELS, LEVEL_LABELS, OUTCOME_LABELS, REGION_LABELS, STATUS_LABELS, people, yen
from kb.corpus import Corpus
from kb.export import CASE_FILTERS
from kb.towns import profile_line
from web.deps import served

TEMPLATES = Path(__file__).parent / "templates"


def marked(snippet: str) -> Markup:
    """A library snippet is HTML-safe with <mark> tags only; anything else is escaped as plain text."""
    bare = snippet.replace("<mark>", "").replace("</mark>", "")
    return Markup(snippet) if "<" not in bare and ">" not in bare else escape(snippet)


def host(url: object) -> str:
    """The host of a URL, to say whose page a link leads to (部署名の出典: tkc.jp)."""
    return urlsplit(str(url)).hostname or ""


def make_templates(corpus: Corpus) -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    globals_: dict[str, Any] = {
        "level_labels": LEVEL_LABELS,
        "region_labels": REGION_LABELS,
        "outcome_labels": OUTCOME_LABELS,
        "band_labels": BAND_LABELS,
        "status_labels": STATUS_LABELS,
        "theme_labels": corpus.theme_labels(),
        "case_count": len(corpus.cases),
    }
    env.globals.update(globals_)
    env.filters.update(
        CASE_FILTERS, people=people, yen=yen, marked=marked, profile_line=profile_line, host=host
    )
    return Jinja2Templates(env=env)


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Any:
    templates: Jinja2Templates = served(request).templates
    return templates.TemplateResponse(request, name, context, status_code=status_code)
