"""「うちと似た町」: likeness by population (official for every body, a case's own where it states one), by place
and by finances; the size class only for a case without any figure."""

import pytest

from kb.case import Case
from kb.municipalities import load_registry
from kb.search.fusion import blend_likeness, rrf
from kb.search.like import distance_km, likeness, town_likeness

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


def test_population_ratio_decides_size_and_a_case_figure_wins_for_its_case(registry):
    user = registry.resolve("島根県益田市")  # 44,976 (住民基本台帳 2022)
    near = likeness(case("島根県浜田市", "322024", "city", "chugoku", 50_000), user, registry)
    far = likeness(case("島根県松江市", "322016", "core_city", "chugoku", 200_000), user, registry)
    assert near.score > far.score
    assert near.reason.startswith(
        "人口規模が近い(5万人)・同じ島根県"
    )  # the case's own 50,000, not the registry's


def test_every_body_is_compared_by_its_official_population(registry):
    user = registry.resolve("北海道倶知安町")  # 14,789, 財政力指数 0.62
    niseko = likeness(case("北海道ニセコ町", "013951", "town", "hokkaido"), user, registry)  # 約5千
    otaru = likeness(case("北海道小樽市", "012033", "city", "hokkaido"), user, registry)  # 約11万
    assert niseko.score > otaru.score
    assert "人口規模が近い" not in (otaru.reason or "")


def test_finances_are_a_lighter_dimension_and_say_why(registry):
    user = registry.resolve("北海道倶知安町")
    rich, poor = registry.resolve("北海道ニセコ町"), registry.resolve("北海道赤井川村")
    gap = abs(rich.stats.fiscal_strength - user.stats.fiscal_strength)
    like = town_likeness(rich, user)
    assert ("財政力が近い" in (like.reason or "")) == (gap <= 0.1)
    assert f"({rich.stats.fiscal_strength:.2f})" in like.reason or gap > 0.1
    assert town_likeness(user, user).score == pytest.approx(1.0)
    assert 0 <= town_likeness(poor, user).score <= 1


def test_size_class_stands_in_only_for_a_case_without_any_figure(registry):
    user = registry.resolve("島根県益田市")
    anonymous_city = {**BASE, "municipalities": [], "anonymous": True, "level": "city", "region": "kanto"}
    anonymous_village = {**anonymous_city, "level": "village"}
    city = likeness(Case.model_validate(anonymous_city), user, registry)
    village = likeness(Case.model_validate(anonymous_village), user, registry)
    assert city.score > village.score and city.reason == "同じ区分(市)"


def test_own_town_is_named_as_such(registry):
    user = registry.resolve("島根県益田市")
    own = likeness(case("島根県益田市", "322041", "city", "chugoku"), user, registry)
    assert own.score == pytest.approx(1.0) and "あなたの自治体の事例" in own.reason


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
    assert order.index(3) <= 1 and order.index(29) >= 8  # rises within the top ten, not from the bottom
