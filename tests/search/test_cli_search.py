"""`kb build`, `kb search --json` and `kb eval` through the CLI, on the fixture corpus."""

import json
from pathlib import Path

from typer.testing import CliRunner

from kb.cli import app


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_build_then_search_json(make_settings, search_corpus):
    settings = make_settings(search_corpus)
    built = invoke("build", "--corpus", settings.corpus, "--index", settings.index)
    assert built.exit_code == 0, built.output
    assert "13 件" in built.output or "事例" in built.output
    result = invoke(
        "search",
        "書かない窓口",
        "--region",
        "shikoku",
        "--json",
        "--corpus",
        settings.corpus,
        "--index",
        settings.index,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["results"][0]["id"] == "uwajima-kakanai-madoguchi"
    assert all(r["region"] == "shikoku" for r in data["results"])
    text = invoke(
        "search", "窓口", "--like", "島根県益田市", "--corpus", settings.corpus, "--index", settings.index
    )
    assert text.exit_code == 0 and "似ている点" in text.output


def test_bad_options_exit_1_with_the_parameter(search_settings, search_index):
    result = invoke(
        "search",
        "窓口",
        "--band",
        "huge",
        "--corpus",
        search_settings.corpus,
        "--index",
        search_settings.index,
    )
    assert result.exit_code == 1 and "band" in result.output


def test_search_without_an_index_says_to_build(make_settings, search_corpus):
    settings = make_settings(search_corpus)
    result = invoke("search", "窓口", "--corpus", settings.corpus, "--index", settings.index)
    assert result.exit_code == 1 and "kb build" in result.output


def test_eval_prints_a_table_per_leg(search_settings, search_index, tmp_path):
    queries = tmp_path / "queries.yaml"
    queries.write_text(
        "- {query: 書かなくていい窓口, relevant: {uwajima-kakanai-madoguchi: 2, masuda-kakanai-madoguchi: 1}}\n"
        "- {query: ガバクラの費用, relevant: {tokyo-gov-cloud-cost: 2, moka-gov-cloud: 1}}\n",
        encoding="utf-8",
    )
    args = ("--queries", queries, "--corpus", search_settings.corpus, "--index", search_settings.index)
    result = invoke("eval", *args)
    assert result.exit_code == 0, result.output
    for word in ("nDCG@10", "Recall@5", "MRR@10", "lexical", "dense", "hybrid"):
        assert word in result.output
    assert Path(queries).exists()


def test_search_year_range_and_bad_range(make_settings, search_corpus):
    settings = make_settings(search_corpus)
    assert invoke("build", "--corpus", settings.corpus, "--index", settings.index).exit_code == 0
    where = ("--corpus", settings.corpus, "--index", settings.index)
    result = invoke("search", "窓口", "--year-min", 2020, "--year-max", 2022, "--json", *where)
    assert result.exit_code == 0, result.output
    years = [r["year"] for r in json.loads(result.output)["results"]]
    assert years and all(2020 <= y <= 2022 for y in years)
    bad = invoke("search", "窓口", "--year-min", 2025, "--year-max", 2020, *where)
    assert bad.exit_code == 1 and "--year-min" in bad.output and "開始年" in bad.output


def test_cli_prints_its_reading_of_the_query(tmp_path, make_settings):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from kb.cli import app
    from kb.search import build_index

    settings = make_settings()
    build_index(settings)
    args = [
        "search",
        "福島県の村 タブレット",
        "--corpus",
        str(settings.corpus),
        "--index",
        str(settings.index),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "解釈: 福島県・村 を優先" in result.output
    data = json.loads(CliRunner().invoke(app, [*args, "--json"]).output)
    assert data["interpreted"]["prefer"]["prefecture"] == ["07"]
