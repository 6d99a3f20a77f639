"""`kb validate`: every rule reports file, line and field, and nothing in a file is ever executed."""

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kb.cli import app
from kb.corpus import validate_paths
from kb.errors import CorpusMissing
from kb.ingest import theming
from kb.text import char_bigrams
from kb.themes import load_themes

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
GOOD = CORPUS / "cases" / "uwajima-kakanai-madoguchi.yaml"


def problems_for(path: Path) -> list[str]:
    return [str(p) for p in validate_paths(CORPUS, [path]).problems]


def variant(tmp_path: Path, old: str, new: str, name: str = "variant-case") -> Path:
    """The good case with one edit, saved under a new id (so it is not a duplicate of itself)."""
    text = GOOD.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new).replace("id: uwajima-kakanai-madoguchi", f"id: {name}")
    text = text.replace("title: 宇和島市", "title: 検証用 宇和島市").replace(
        "summary: >-", "summary: >-\n  検証用の別文。"
    )
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_good_case_passes():
    assert problems_for(GOOD) == []


def test_whole_fixture_corpus_passes():
    assert validate_paths(CORPUS).ok


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("syntax-error", "syntax-error.yaml:3: YAMLの構文エラー"),
        ("unknown-theme", "unknown-theme.yaml:8: themes.1: 未知のテーマID「mado-dx」"),
        ("wrong-code", "wrong-code.yaml:4: municipalities.0.name: 名称とコードが一致しません"),
        ("missing-source", "missing-source.yaml:1: sources: 必須項目がありません"),
        ("unsafe-tag", "unsafe-tag.yaml:9: 使えないYAMLタグです"),
    ],
)
def test_broken_fixtures_name_file_line_and_field(fixture, expected):
    found = problems_for(DATA / "invalid" / f"{fixture}.yaml")
    assert any(expected in p for p in found), found


def test_cli_reports_every_problem_and_exits_1(tmp_path):
    marker = Path("/tmp/kb-unsafe-tag-executed")
    marker.unlink(missing_ok=True)
    result = CliRunner().invoke(app, ["validate", "--corpus", str(CORPUS), str(DATA / "invalid")])
    assert result.exit_code == 1
    for name in ("syntax-error", "unknown-theme", "wrong-code", "missing-source", "unsafe-tag"):
        assert f"{name}.yaml:" in result.output
    assert not marker.exists(), "a YAML tag was executed"


def test_cli_ok_exits_0():
    result = CliRunner().invoke(app, ["validate", "--corpus", str(CORPUS)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("level: city", "level: town", "level: 主たる団体「愛媛県宇和島市」の区分は city です"),
        ("region: shikoku", "region: chugoku", "region: 主たる団体「愛媛県宇和島市」の地方は shikoku です"),
        ("region: shikoku", "region: okinawa", "region: 使える値は"),
        ('code: "382035"', 'code: "382036"', "検査数字が違います。382035 ではありませんか"),
        ("outcome: success", "outcome: failure", "lessons(教訓)が必要です"),
        ("year: 2022", "year: 2999", "year:"),
        ("year: 2022", "year: 令和4年", "year: 整数で書いてください"),
        ("accessed: 2026-11-24", "accessed: 2026-13-01", "sources.0.accessed: 日付は YYYY-MM-DD"),
        (
            "url: https://digital-gyosei.com",
            "url: ftp://digital-gyosei.com",
            "sources.0.url: 形式が正しくありません",
        ),
        ("status: ongoing", "status: ongoing\nlesson: typo", "lesson: 未知の項目です"),
        ("status: ongoing", "status: ongoing\nstatus: ended", "status: 同じ項目が2回あります"),
        ("status: ongoing", "status: ongoing\ndraft: true", "draft: 下書きの項目です"),
        ("level: city", "level: city\npopulation: 70000", "population_year も必要です"),
        (
            "status: ongoing",
            "status: ongoing\ncontact: {department: 市民課, url: javascript:alert(1)}",
            "contact.url: 形式が正しくありません",
        ),
        (
            "status: ongoing",
            "status: ongoing\ncontact: {department: 市民課, url: ftp://city.example.lg.jp/a}",
            "contact.url: 形式が正しくありません",
        ),
    ],
)
def test_rules(tmp_path, old, new, expected):
    found = problems_for(variant(tmp_path, old, new))
    assert any(expected in p for p in found), found


def test_problem_line_points_at_the_field(tmp_path):
    path = variant(tmp_path, "region: shikoku", "region: nowhere")
    [problem] = validate_paths(CORPUS, [path]).problems
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].startswith("region:")


def test_id_must_equal_file_name(tmp_path):
    path = variant(tmp_path, "status: ongoing", "status: ongoing")
    renamed = path.rename(tmp_path / "other-name.yaml")
    assert any("id はファイル名と同じ「other-name」" in p for p in problems_for(renamed))


def test_duplicate_id_and_near_duplicate(tmp_path):
    copy = tmp_path / "uwajima-kakanai-madoguchi.yaml"
    copy.write_bytes(GOOD.read_bytes())
    assert any("と重複しています" in p for p in problems_for(copy))
    near = tmp_path / "uwajima-madoguchi-2.yaml"
    near.write_text(
        GOOD.read_text(encoding="utf-8").replace("id: uwajima-kakanai-madoguchi", "id: uwajima-madoguchi-2")
    )
    assert any("ほぼ同じ事例に見えます" in p for p in problems_for(near))


def test_one_initiative_written_twice_in_other_words(tmp_path):
    """The same body, the same start year and the same initiative name in 「」 in both titles (荒尾市's
    「おもやいタクシー」 was once two cases whose titles and summaries were worded apart)."""
    case = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    case |= {
        "id": "uwajima-again",
        "title": "宇和島市 住民に聞き取って職員が作る「書かない窓口」を新しい庁舎で",
        "summary": "市は庁舎の建て替えを機に、申請書を住民の代わりに職員が作る仕組みへ窓口を改めた。",
    }
    again = tmp_path / "uwajima-again.yaml"
    again.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = problems_for(again)
    assert any("題名に同じ「書かない窓口」、開始年も同じ" in p for p in problems), problems
    case["year"] -= 1  # another phase of the same name, begun another year, is its own case
    again.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert not any("ほぼ同じ事例" in p for p in problems_for(again))


def test_non_utf8_and_huge_and_non_mapping(tmp_path):
    sjis = tmp_path / "sjis.yaml"
    sjis.write_bytes("id: sjis\ntitle: 書かない窓口\n".encode("shift_jis"))
    assert any("sjis.yaml:2: UTF-8 ではありません" in p for p in problems_for(sjis))
    huge = tmp_path / "huge.yaml"
    huge.write_text("summary: " + "あ" * 200_000)
    assert any("ファイルが大きすぎます" in p for p in problems_for(huge))
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n")
    assert any("マッピング" in p for p in problems_for(listing))


def test_anonymous_failure_needs_no_municipality(tmp_path):
    text = GOOD.read_text(encoding="utf-8")
    head, _, rest = text.partition("municipalities:")
    rest = rest.split("level: city", 1)[1]
    anon = head + "municipalities: []\nlevel: null" + rest
    anon = anon.replace("id: uwajima-kakanai-madoguchi", "id: anon-case").replace(
        "anonymous: false", "anonymous: true"
    )
    anon = anon.replace("outcome: success", "outcome: failure\nlessons:\n  - 小さく始める")
    path = tmp_path / "anon-case.yaml"
    path.write_text(anon, encoding="utf-8")
    assert problems_for(path) == []


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """The fixture corpus plus the files a real corpus folder holds besides its cases."""
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    (root / "synonyms.yaml").write_text("groups:\n  - [窓口, 受付]\n", encoding="utf-8")
    (root / "drafts").mkdir()
    (root / "drafts" / "half-done.yaml").write_text("id: half-done\ndraft: true\n", encoding="utf-8")
    return root


def test_a_corpus_folder_means_its_cases(corpus_copy):
    result = validate_paths(corpus_copy, [corpus_copy])
    assert result.ok, [str(p) for p in result.problems]
    assert len(result.cases) == len(list((corpus_copy / "cases").glob("*.yaml")))


def test_a_file_named_twice_is_checked_once(corpus_copy, monkeypatch):
    good = corpus_copy / "cases" / GOOD.name
    monkeypatch.chdir(corpus_copy.parent)
    relative = Path("corpus") / "cases" / GOOD.name
    result = validate_paths(Path("corpus"), [good, corpus_copy / "cases", relative])
    assert result.ok, [str(p) for p in result.problems]
    assert [c.id for c in result.cases].count(GOOD.stem) == 1


def test_broken_themes_file_is_reported_with_its_line(corpus_copy):
    (corpus_copy / "themes.yaml").write_text("- id: madoguchi\n  label: [窓口\n", encoding="utf-8")
    [problem] = validate_paths(corpus_copy).problems
    assert problem.path.name == "themes.yaml" and "YAMLの構文エラー" in problem.message
    (corpus_copy / "themes.yaml").write_text("- id: madoguchi\n  label: 窓口\n", encoding="utf-8")
    [problem] = validate_paths(corpus_copy).problems
    assert (problem.path.name, problem.line, problem.field) == ("themes.yaml", 1, "0.description")


def test_validate_a_missing_corpus_exits_with_a_message(tmp_path):
    result = CliRunner().invoke(app, ["validate", "--corpus", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "コーパスが見つかりません" in result.output
    with pytest.raises(CorpusMissing):
        load_themes(tmp_path)


def test_one_bigram_measure_for_validation_and_theming():
    assert theming.char_bigrams is char_bigrams
    assert char_bigrams("書かない 窓口") == char_bigrams("書かない窓口")  # folded YAML lines add spaces
    assert char_bigrams("窓口窓口")["窓口"] == 2
