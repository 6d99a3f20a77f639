"""What a draft says about a saved page: when (and from which sentence), how large, and a summary that is
not a copy."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.ingest.draft import render
from kb.ingest.extract import read_file
from kb.ingest.lead import Lead
from kb.ingest.limits import LIMITS
from kb.ingest.understand import understand
from kb.municipalities import load_registry
from kb.text import shared_runs

from .conftest import LOCAL, understood


def test_a_relative_month_is_dated_by_the_pages_meta_and_the_draft_says_which_sentence(knowledge):
    result = understood("mitaka-madoguchi-koho.html", knowledge)
    draft = result.draft
    assert draft.year == 2025  # 「1月から」 in a page of 2025-02-16, not 昨年 (2024)
    assert draft.provenance.published == dt.date(2025, 2, 16)
    assert "「1月」を<meta article:published_time> 2025-02-16から2025年と読みました" in (
        draft.provenance.year_from or ""
    )
    comment = render(draft, result.notes)
    assert "# 年 2025: 「1月からは、市民課の総合窓口で" in comment


def test_the_trial_year_not_the_mayors(knowledge):
    draft = understood("nagaoka-rpa-trial.html", knowledge).draft
    assert draft.year == 2018 and "トライアル" in (draft.provenance.year_from or "")
    assert [(m.label, m.value) for m in draft.metrics][:1] == [("作業時間", "計2,028時間")]


def test_a_population_stated_on_the_page_with_its_date(knowledge):
    draft = understood("hokkaido-line-news.html", knowledge).draft
    assert (draft.population, draft.population_year, draft.population_source) == (5618, 2025, None)


def test_without_a_stated_population_the_official_one_with_its_source(knowledge):
    draft = understood("nagaoka-rpa-trial.html", knowledge).draft
    assert (draft.population, draft.population_year) == (263728, 2022)
    assert draft.population_source == "総務省「住民基本台帳に基づく人口、人口動態及び世帯数」(2022年1月1日)"


@pytest.mark.parametrize(
    "name",
    [
        "hokkaido-line-news.html",
        "nagaoka-rpa-trial.html",
        "mitaka-madoguchi-koho.html",
        "uwajima-madoguchi.html",
        "taketomi-line-shinsei.html",
        "uwajima-report.txt",
    ],
)
def test_the_summary_is_in_the_tools_words_not_the_pages(knowledge, name):
    result = understood(name, knowledge)
    page_text = read_file(LOCAL / name, limits=LIMITS).text
    assert shared_runs(result.draft.summary, page_text) == []
    body = load_registry().get(result.draft.municipalities[0].code)
    assert body is not None and result.draft.summary.startswith(body.short)  # who, first
    assert any(note.startswith("本文の要点") for note in result.notes)  # the material, in the comment


@pytest.mark.parametrize(
    "body",
    [
        "益田市は1人を導入し、人口は4万人、2024年に開始、昨年1月に" * 5000,  # one 160,000-character sentence
        "窓口の所要時間は約18分から約10分に短縮、" * 10000,
    ],
)
def test_a_page_without_sentence_ends_costs_time_in_proportion_to_its_size(knowledge, body):
    """Names, figures and dates are each read within a bounded window: no quadratic walk over a long line."""
    import time

    from kb.ingest.extract import read_bytes

    html = f"<html><head><title>益田市の窓口</title></head><body><main><p>{body}</p></main></body></html>"
    page = read_bytes(html.encode(), "text/html", "long.html", None, limits=LIMITS)
    started = time.monotonic()
    draft = understand(Lead(page=page, key="long.html"), knowledge).draft
    assert time.monotonic() - started < 5 and draft.municipalities[0].name == "島根県益田市"
