"""Invariants of the bundled corpus (issue 3): every named case, breadth, honest failures, no duplicates."""

from pathlib import Path

import pytest

from kb.case import Level, Outcome, Region
from kb.corpus import load_corpus
from kb.stats import facet_counts, prefecture_count

CORPUS = Path(__file__).parents[1] / "corpus"
BAD = (Outcome.mixed, Outcome.failure)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)  # raises on any validation problem, duplicate or near-duplicate


def cases_of(corpus, name, theme=None, outcomes=None):
    return [
        c
        for c in corpus.cases
        if any(m.name == name for m in c.municipalities)
        and (theme is None or theme in c.themes)
        and (outcomes is None or c.outcome in outcomes)
    ]


NAMED = [
    ("東京都港区", "kosodate"),
    ("東京都町田市", "koho"),
    ("東京都利島村", None),
    ("東京都板橋区", "cashless"),
    ("広島県", "jinzai"),
    ("福岡県直方市", "gis"),
    ("島根県益田市", "madoguchi"),
    ("新潟県長岡市", "ai-rpa"),
    ("埼玉県戸田市", "hyojunka"),
    ("東京都渋谷区", None),
    ("大阪府四條畷市", "online-shinsei"),
    ("愛媛県", None),
    ("福島県磐梯町", None),
    ("宮崎県都城市", None),
    ("福井県", None),
    ("三重県", None),
    ("栃木県真岡市", None),
    ("愛知県豊田市", None),
    ("福岡県北九州市", None),
    ("岡山県笠岡市", None),
    ("岡山県倉敷市", None),
    ("岡山県井原市", None),
    ("広島県福山市", None),
    ("奈良県田原本町", None),
]


@pytest.mark.parametrize(("name", "theme"), NAMED)
def test_every_case_the_seeds_name_is_present(corpus, name, theme):
    assert cases_of(corpus, name, theme), f"missing: {name} {theme or ''}"


def test_shijonawate_child_watching(corpus):
    assert [c for c in cases_of(corpus, "大阪府四條畷市") if {"kosodate", "smartcity"} & set(c.themes)]


@pytest.mark.parametrize("theme", ["hyojunka", "ai-rpa", "online-shinsei"])
def test_failure_lessons_the_seeds_ask_for(corpus, theme):
    """標準化 cost increases, RPA that did not pay off, online procedures nobody used."""
    assert [c for c in corpus.cases if c.themes[0] == theme and c.outcome in BAD and c.lessons]


# The breadth the corpus keeps (issue 9): what a filter such as 町 × AI・RPA needs to return a useful list.
FLOORS = {"village": 25, "town": 70, "special_ward": 15, "designated_city": 20, "core_city": 35}


def test_size_and_breadth(corpus):
    counts = facet_counts(corpus.cases)
    assert len(corpus.cases) >= 450
    assert set(counts["region"]) >= {r.value for r in Region}
    assert prefecture_count(corpus.cases) == 47
    assert min(counts["prefecture"].values()) >= 5, counts["prefecture"]
    for level in Level:
        assert counts["level"].get(level.value, 0) >= FLOORS.get(level.value, 5), level
    for theme in corpus.themes:
        assert counts["theme"].get(theme.id, 0) >= 15, theme.id


def test_failures_carry_concrete_lessons(corpus):
    bad = [c for c in corpus.cases if c.outcome in BAD]
    assert len(bad) >= 0.25 * len(corpus.cases)
    assert all(c.lessons and all(len(lesson) >= 15 for lesson in c.lessons) for c in bad)


def test_every_named_case_has_a_population_with_its_year(corpus):
    """The source's figure for the time of the case, else the official 住民基本台帳 figure (issue 11)."""
    missing = [c.id for c in corpus.cases if c.municipalities and not (c.population and c.population_year)]
    assert not missing
    official = [c for c in corpus.cases if c.population_source]
    for case in official:
        body = corpus.registry.get(case.lead.code)
        assert case.population == body.population and case.population_year == 2022, case.id


def test_sources_are_cited_with_title_and_date(corpus):
    for case in corpus.cases:
        for source in case.sources:
            assert source.url.startswith(("http://", "https://")) and source.title and source.accessed, (
                case.id
            )


def test_anonymous_cases_name_no_body(corpus):
    for case in corpus.cases:
        assert case.anonymous == (not case.municipalities), case.id


FACILITIES = ("センター", "図書館", "研究所")  # a facility's own name may begin with its body's


def test_at_least_half_of_the_named_cases_say_which_section_to_ask(corpus):
    """Staff ask first 「どこに聞けば・視察できる?」: the section running the initiative, with the page naming it."""
    named = [c for c in corpus.cases if c.municipalities]
    with_contact = [c for c in named if c.contact and c.contact.department and c.contact.url]
    assert len(with_contact) * 2 >= len(named), (len(with_contact), len(named))
    for case in named:
        department = case.contact.department if case.contact and case.contact.department else ""
        for ref in case.municipalities:
            short = corpus.registry.get(ref.code).short
            rest = department.removeprefix(short)
            # the section alone (国保年金課, not 文京区国保年金課), unless it is a facility's own name
            assert rest == department or rest.startswith("立") or rest.endswith(FACILITIES), case.id
