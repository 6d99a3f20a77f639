"""Metric labels are whole noun phrases, before/after pairs are one metric, money spent is a cost."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.ingest.figures import candidate_cost, candidate_metrics, find_figures
from kb.ingest.pagedate import PageDate
from kb.ingest.population import propose_population
from kb.municipalities import load_registry


def labelled(text: str) -> list[tuple[str, str]]:
    return [(f.label, f.value) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "窓口の所要時間は、これまで約18分かかっていたが、約10分に短縮した。",
            [("窓口の所要時間", "約18分 → 約10分")],
        ),
        ("窓口の所要時間は約18分から約10分に短縮した。", [("窓口の所要時間", "約18分 → 約10分")]),
        ("登録者は2,517人→3,018人に増えた。", [("登録者", "2,517人 → 3,018人")]),
        ("職員約350人が働く。", [("職員", "約350人")]),
        ("県と市町が採用した16人のデジタル人材を配属する。", [("デジタル人材", "16人")]),
        ("作業時間を計2,028時間減らした。", [("作業時間", "計2,028時間")]),
        ("窓口の待ち時間を30%短縮した。", [("窓口の待ち時間の短縮", "30%")]),
        ("74業務で年に約9,000時間を削減している。", [("削減", "約9,000時間")]),
        ("電子申告の印刷作業等の全5業務にRPAを導入した。", [("電子申告の印刷作業", "5業務")]),
        ("出し方のほか、約1800種類の品名から区分が分かる。", [("品名", "約1800種類")]),
    ],
)
def test_labels_are_whole_noun_phrases(text, expected):
    assert labelled(text) == expected


@pytest.mark.parametrize(
    "text", ["これまで約18分かかっていたが、申請書を8分短縮し、混雑が減った。", "人口は2万8千人ほど。"]
)
def test_no_label_is_a_word_cut_in_half_and_a_population_is_no_metric(text):
    labels = [label for label, _ in labelled(text)]
    assert all(label not in ("これま", "8分短縮し", "人口") for label in labels)


def test_two_figures_of_different_units_are_not_a_pair():
    text = "登録者は約350人で、作業時間は約9,000時間短縮した。"
    assert labelled(text) == [("登録者", "約350人"), ("作業時間の短縮", "約9,000時間")]


def test_pairs_and_effects_rank_first_and_keep_their_sentence():
    figures = find_figures("職員は約350人である。窓口の所要時間は約18分から約10分に短縮した。")
    first = candidate_metrics(figures)[0]
    assert (first.label, first.value) == ("窓口の所要時間", "約18分 → 約10分")
    assert "約18分から約10分に短縮" in (first.note or "")


def test_money_spent_is_a_cost_with_its_sentence_money_saved_is_a_metric():
    text = "導入費5万4000円と、サーバー使用料が月額1万800円。年間の保守費用は300万円。人件費で年約1,193万円の削減を見込む。"
    figures = find_figures(text)
    initial, annual, note = candidate_cost(figures)
    assert (initial, annual) == (54_000, 3_000_000)  # a monthly fee is left to the note, not made annual
    assert note and "月額1万800円" in note and "保守費用は300万円" in note
    (saved,) = [f for f in figures if f.saved_yen]
    assert saved.value.endswith("1,193万円") and saved.label.endswith("削減") and saved.yen is None
    assert any(m.value == saved.value for m in candidate_metrics(figures))


def test_a_budget_in_oku_yen():
    initial, _, note = candidate_cost(find_figures("システムの構築費用は1.2億円だった。"))
    assert initial == 120_000_000 and note


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_a_population_stated_with_its_date(registry):
    """(Restates corpus/cases/shihoro-line-ikanai-madoguchi.yaml.)"""
    body = registry.resolve("北海道士幌町")
    population, notes = propose_population("町の人口は5,618人(2025年10月末)。", body, (), None)
    assert population is not None and (population.value, population.year, population.source) == (
        5618,
        2025,
        None,
    )
    assert "5,618人" in notes[0]


def test_a_population_dated_by_the_page(registry):
    body = registry.resolve("島根県益田市")
    date = PageDate(dt.date(2019, 5, 1), "掲載日")
    population, _ = propose_population("人口約4万6,000人の益田市では、窓口を見直した。", body, (), date)
    assert population is not None and (population.value, population.year) == (46_000, 2019)


def test_an_undated_population_is_noted_and_the_official_figure_proposed(registry):
    body = registry.resolve("島根県益田市")
    population, notes = propose_population("人口は4万5千人ほど。", body, (), None)
    assert population is not None and population.value == body.population and population.year == 2022
    assert population.source and "住民基本台帳" in population.source and "(2022年1月1日)" in population.source
    assert "45,000人(時点不明)" in notes[0]


@pytest.mark.parametrize(
    "text",
    [
        "人口5万人以下の自治体で導入が進む。",  # a threshold
        "北海道の人口は約510万人。",  # another body's
        "人口は450万人。",  # far from the body's own figure
    ],
)
def test_figures_that_are_not_the_bodys_population(registry, text):
    body = registry.resolve("島根県益田市")
    population, _ = propose_population(text, body, ("北海道",), None)
    assert population is not None and population.year == 2022  # the official figure
