"""Who did it: the body that performs the initiative, not the first or the most general place named."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.ingest.extract import read_bytes
from kb.ingest.lead import Lead
from kb.ingest.limits import LIMITS
from kb.ingest.mentions import acting, linker
from kb.ingest.understand import understand
from kb.municipalities import load_registry

from .conftest import understood


@pytest.fixture(scope="module")
def link():
    return linker(load_registry())


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("士幌町では、2022年9月に町の公式LINEを開設した。", 1.0),
        ("茨城県は立会人型の電子契約を導入する。", 1.0),
        ("高崎市、伊勢崎市、みなかみ町でもこのアプリを導入している。", 0.5),  # others that also did it
        ("北海道の自治体で広がっている。", 0.0),  # 「北海道の」: a place, not a subject
        ("安曇野市の事例を中心に話を進める。", 0.0),
    ],
)
def test_a_body_acts_when_it_is_the_subject_of_a_verb_of_doing(link, text, weight):
    _, end, _ = link.matches(text)[-1] if "でも" in text else link.matches(text)[0]
    assert acting(text, end)[0] == weight


def test_the_subject_of_the_initiative_beats_the_general_place_and_the_first_named(link):
    """(Restates corpus/cases/kitami-kakanai-madoguchi.yaml and shihoro-line-ikanai-madoguchi.yaml.)"""
    text = (
        "行かない窓口が北海道の自治体で広がっている。北海道北見市の書かない窓口は平成28年度から知られる。"
        "北海道士幌町では、2022年9月に町の公式LINEを開設した。士幌町は住民票の交付申請もLINEで受け付ける。"
    )
    ranked = link.rank(text)
    assert ranked[0].body.name == "北海道士幌町"
    assert {c.body.name for c in ranked[1:]} == {"北海道", "北海道北見市"}


def test_a_prefecture_that_acts_leads_over_a_city_it_mentions(link):
    text = "茨城県は電子契約を導入する。茨城県が導入するのはクラウドサイン。三条市が別のサービスを導入した。"
    assert link.rank(text)[0].body.name == "茨城県"


def test_the_news_page_names_the_town_the_others_go_to_the_comment(knowledge):
    result = understood("hokkaido-line-news.html", knowledge)
    draft = result.draft
    assert [m.name for m in draft.municipalities] == ["北海道士幌町"]
    assert {b.name for b in result.others} >= {"北海道北見市", "北海道"}
    assert draft.year == 2022  # the town's LINE, not 北見市's 平成28年度
    assert draft.provenance.published == dt.date(2025, 12, 1)
    assert "2022年9月" in (draft.provenance.year_from or "")


def test_the_official_page_of_a_town_that_never_names_itself(knowledge):
    """Only the site says whose page it is. (The sentence restates corpus/cases/taketomi-sumaho-yakuba.yaml.)"""
    html = (
        "<html><head><link rel='canonical' href='https://www.town.taketomi.lg.jp/x.html'></head><body><main>"
        "<p>令和5年8月から、町のLINE公式アカウントで住民票や税証明のオンライン申請ができるようになりました。</p>"
        "</main></body></html>"
    )
    page = read_bytes(html.encode(), "text/html", "page.html", None, limits=LIMITS)
    draft = understand(Lead(page=page, key="page.html"), knowledge).draft
    assert draft.municipalities[0].name == "沖縄県竹富町" and draft.year == 2023
