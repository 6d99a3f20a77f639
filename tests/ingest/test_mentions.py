import pytest

from kb.ingest.mentions import linker
from kb.municipalities import load_registry


@pytest.fixture(scope="module")
def link():
    return linker(load_registry())


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("www.city.nogata.fukuoka.jp", "福岡県直方市"),
        ("www.city.masuda.lg.jp", "島根県益田市"),
        ("www.pref.hiroshima.lg.jp", "広島県"),
        ("www.digitalservice.metro.tokyo.lg.jp", "東京都"),
        ("www.city.fuchu.tokyo.jp", "東京都府中市"),
        ("www.town.kawara.fukuoka.jp", "福岡県香春町"),
        ("www.city.sumida.lg.jp", "東京都墨田区"),
    ],
)
def test_site_owner_from_domain(link, host, name):
    owner = link.site_owner(host)
    assert owner is not None and owner.name == name


def test_no_site_owner_for_other_domains(link):
    assert link.site_owner("www.esrij.com") is None
    assert link.site_owner("www.city.fuchu.lg.jp") is None  # 府中市 of Tokyo or of Hiroshima: undecided


def test_the_page_body_ranks_first_even_when_others_are_mentioned_more(link):
    text = "北九州市を中心とする協議会に参加。協議会は北九州市が中心。北九州市などと共同利用。香春町に提供。直方市の取組。"
    ranked = link.rank(text, title="住基ポイント", site="直方市", host=None)
    assert ranked[0].body.name == "福岡県直方市"


def test_longest_name_wins_and_prefecture_alone_weighs_less(link):
    ranked = link.rank("島根県益田市の施政方針。島根県の市。島根県内の事例。")
    assert ranked[0].body.name == "島根県益田市"


def test_ambiguous_short_name_resolved_by_prefecture_in_context(link):
    ranked = link.rank("広島県の府中市について調べた。")
    assert "広島県府中市" in [c.body.name for c in ranked]
    assert not any(c.body.name == "東京都府中市" for c in ranked)


def test_ambiguous_short_name_without_context_is_not_guessed(link):
    assert link.rank("府中市について調べた。") == []


def test_ward_of_a_designated_city_is_not_a_tokyo_ward(link):
    names = [c.body.name for c in link.rank("札幌市中央区の窓口")]
    assert names == ["北海道札幌市"]


def test_stated_bodies_come_first_in_order(link):
    ranked = link.rank("呉市と三原市が参加。", stated=("広島県", "広島県三原市"))
    assert [c.body.name for c in ranked[:2]] == ["広島県", "広島県三原市"]
