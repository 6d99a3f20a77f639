"""The registry: completeness, codes, size classes, and every lookup form a user types."""

import pytest

import kb.municipalities
from kb.case import Level, Region
from kb.errors import AmbiguousMunicipality, UnknownMunicipality
from kb.municipalities import check_digit, load_registry, normalize


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_covers_every_body(registry):
    levels = [b.level for b in registry]
    # 47 prefectures + 1,718 municipalities + 23 special wards (japancode data, 2024)
    assert len(registry) == 1788
    assert levels.count(Level.prefecture) == 47
    assert levels.count(Level.special_ward) == 23
    assert levels.count(Level.designated_city) == 20
    assert levels.count(Level.core_city) == 62


def test_every_code_has_a_valid_check_digit(registry):
    assert all(len(b.code) == 6 and check_digit(b.code[:5]) == b.code[5] for b in registry)


@pytest.mark.parametrize(("code5", "digit"), [("32204", "1"), ("13101", "6"), ("01100", "2"), ("13000", "1")])
def test_check_digit(code5, digit):
    assert check_digit(code5) == digit


@pytest.mark.parametrize(
    "query", ["島根県益田市", "益田市", "益田", "ますだし", "マスダシ", "322041", "32204", "益田市 "]
)
def test_lookup_forms(registry, query):
    [body] = registry.lookup(query)
    assert (body.name, body.code, body.level, body.region) == (
        "島根県益田市",
        "322041",
        Level.city,
        Region.chugoku,
    )


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("府中市", {"東京都府中市", "広島県府中市"}),
        ("伊達市", {"北海道伊達市", "福島県伊達市"}),
        ("大阪", {"大阪府", "大阪府大阪市"}),
    ],
)
def test_ambiguous_names_return_all_candidates(registry, query, names):
    assert {b.name for b in registry.lookup(query)} == names
    with pytest.raises(AmbiguousMunicipality) as err:
        registry.resolve(query)
    assert set(err.value.candidates) == names


def test_unknown_name(registry):
    assert registry.lookup("架空市") == []
    with pytest.raises(UnknownMunicipality):
        registry.resolve("架空市")


@pytest.mark.parametrize(
    ("name", "level", "region"),
    [
        ("北海道札幌市", Level.designated_city, Region.hokkaido),
        ("広島県呉市", Level.core_city, Region.chugoku),
        ("東京都港区", Level.special_ward, Region.kanto),
        ("東京都利島村", Level.village, Region.kanto),
        ("奈良県田原本町", Level.town, Region.kinki),
        ("沖縄県", Level.prefecture, Region.kyushu_okinawa),
    ],
)
def test_levels_and_regions(registry, name, level, region):
    [body] = registry.lookup(name)
    assert (body.level, body.region) == (level, region)


def test_prefecture_has_coordinates_of_a_city_inside_it(registry):
    [tokyo] = registry.lookup("東京都")
    assert 35 < tokyo.lat < 36 and 139 < tokyo.lng < 140


def test_complete_by_kana_and_code(registry):
    assert "島根県益田市" in [b.name for b in registry.complete("ますだ")]
    assert [b.name for b in registry.complete("32204")] == ["島根県益田市"]
    assert registry.complete("") == []


def test_complete_ranks_a_full_name_first_then_by_code(registry):
    assert [b.name for b in registry.complete("府中市")] == ["東京都府中市", "広島県府中市"]
    names = [b.name for b in registry.complete("北海道", limit=3)]
    assert names == ["北海道", "北海道札幌市", "北海道函館市"]
    assert len(registry.complete("し", limit=5)) == 5


def test_complete_normalizes_only_what_the_user_typed(registry, monkeypatch):
    """It runs on every keystroke: the bodies' name forms are normalized once, when the registry is made."""
    calls = []
    original = kb.municipalities.normalize
    monkeypatch.setattr(kb.municipalities, "normalize", lambda text: calls.append(text) or original(text))
    assert [b.name for b in registry.complete("ますだ")] == ["島根県益田市"]
    assert calls == ["ますだ"]


def test_every_body_has_official_figures(registry):
    kutchan = registry.resolve("北海道倶知安町")
    assert (kutchan.population, kutchan.population_year) == (14789, 2022)
    assert kutchan.stats.fiscal_strength == 0.62
    assert all(b.population and b.stats.fiscal_strength is not None for b in registry)


def test_normalize():
    assert normalize("ﾏｽﾀﾞｼ") == "ますだし"
    assert normalize(" 益田　市 ") == "益田市"


@pytest.mark.parametrize(
    ("typed", "name"),
    [("kutchan", "北海道倶知安町"), ("Masuda", "島根県益田市"), ("sapporo", "北海道札幌市")],
)
def test_romaji_finds_a_body(registry, typed, name):
    assert [b.name for b in registry.lookup(typed)] == [name]
    assert name in [b.name for b in registry.complete(typed[:4])]


def test_romaji_of_an_ambiguous_name_returns_every_body(registry):
    assert {b.name for b in registry.lookup("fuchu")} == {"東京都府中市", "広島県府中市", "広島県府中町"}
