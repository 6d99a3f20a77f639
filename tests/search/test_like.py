"""「うちと似た町」: likeness by population ratio, else size class, and by place."""

from dataclasses import replace

import pytest

from kb.case import Case
from kb.municipalities import load_registry
from kb.search.fusion import blend_likeness, rrf
from kb.search.like import distance_km, likeness

BASE = {
    "id": "x",
    "title": "t",
    "themes": ["madoguchi"],
    "year": 2022,
    "outcome": "success",
    "summary": "s",
    "sources": [{"url": "https://example.org", "title": "t"}],
}


def case(name, code, level, region, population=None):
    extra = {"population": population, "population_year": 2020} if population else {}
    return Case.model_validate(
        {**BASE, "municipalities": [{"name": name, "code": code}], "level": level, "region": region, **extra}
    )


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_population_ratio_decides_size_when_both_are_known(registry):
    user = replace(registry.resolve("島根県益田市"), population=44_000)
    near = likeness(case("島根県浜田市", "322024", "city", "chugoku", 50_000), user, registry)
    far = likeness(case("島根県松江市", "322016", "core_city", "chugoku", 200_000), user, registry)
    assert near.score > far.score
    assert near.reason == "人口規模が近い(5万人)・同じ島根県"  # as every page writes a population


def test_size_class_stands_in_for_an_unknown_population(registry):
    user = registry.resolve("島根県益田市")
    town = likeness(case("北海道ニセコ町", "013951", "town", "hokkaido"), user, registry)
    city = likeness(case("北海道北見市", "012084", "city", "hokkaido"), user, registry)
    assert city.score > town.score and city.reason == "同じ区分(市)"


def test_own_town_is_named_as_such(registry):
    user = registry.resolve("島根県益田市")
    own = likeness(case("島根県益田市", "322041", "city", "chugoku"), user, registry)
    assert own.score == 1.0 and own.reason == "同じ区分(市)・あなたの自治体の事例"


def test_place_by_region_and_distance(registry):
    user = registry.resolve("島根県益田市")
    assert (
        "同じ中国地方"
        in likeness(case("広島県福山市", "342076", "core_city", "chugoku"), user, registry).reason
    )
    assert 50 < distance_km(user, registry.resolve("広島県広島市")) < 80  # straight line, not by road


def test_rrf_rewards_agreement_between_legs():
    fused = rrf([[1, 2, 3], [3, 1, 4]])
    assert [p for p, _ in fused][:2] == [1, 3]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)


def test_likeness_reorders_within_the_top_but_not_from_the_bottom():
    ranked = list(range(30))
    likes = dict.fromkeys(ranked, 0.5) | {3: 1.0, 29: 1.0}
    order = [p for p, _ in blend_likeness(ranked, likes)]
    assert order[0] == 3 and order.index(29) >= 8
