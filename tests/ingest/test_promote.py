"""`kb promote` (a finished draft becomes a case) and `kb check-copy` (a case's prose against its sources)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kb import atomic
from kb.cli import app
from kb.corpus import validate_paths
from kb.ingest import ingest_all
from kb.ingest import promote as promote_module
from kb.ingest.promote import PromotionRefused, promote
from kb.settings import Settings

from .conftest import CORPUS, LOCAL, PAGES

NAGAOKA = LOCAL / "nagaoka-rpa-trial.html"
COPIED = "市は2018年度、総務省の補助金を使って市役所の9課でRPAのトライアルを始めた。"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus of our own (promote writes into it): the fixture corpus' themes and cases."""
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    return root


@pytest.fixture
def settings(corpus: Path, tmp_path: Path) -> Settings:
    return Settings(corpus=corpus, index=tmp_path / "index", cache=tmp_path / "cache", ingest_delay=0.0)


@pytest.fixture
def draft(settings: Settings) -> Path:
    """The draft `kb ingest` makes of a saved page (a local file: the copy check reads the file itself)."""
    report = ingest_all([str(NAGAOKA)], settings)
    assert not report.failed, report.lines()
    return settings.corpus / "drafts" / "nagaoka-rpa-trial.yaml"


def edit(path: Path, **changes: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_finished_draft_becomes_a_valid_case_without_the_draft_fields(draft, settings):
    target = promote(draft, settings)
    assert target == settings.corpus / "cases" / "nagaoka-rpa-trial.yaml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert "draft" not in data and "provenance" not in data and data["id"] == "nagaoka-rpa-trial"
    assert '"152021"' in target.read_text(encoding="utf-8")  # codes stay quoted strings
    assert validate_paths(settings.corpus).problems == []  # the corpus still validates, with the new case
    assert not list(target.parent.glob(".*"))  # no temporary file left behind


def test_a_summary_copied_from_the_source_is_refused_with_the_runs_shown(draft, settings):
    edit(draft, summary=f"長岡市の取組。{COPIED}", lessons=["まず9課で試し、数字を示してから広げる。"])
    with pytest.raises(PromotionRefused) as refused:
        promote(draft, settings)
    (run,) = refused.value.copied
    assert (
        run.field == "summary"
        and "総務省の補助金を使って市役所の9課で" in run.run
        and run.source == str(NAGAOKA)
    )
    assert any("出典と同じ" in line and "summary" in line for line in refused.value.lines())
    assert not (settings.corpus / "cases" / "nagaoka-rpa-trial.yaml").exists()


def test_a_copied_lesson_is_refused_too(draft, settings):
    edit(draft, lessons=["その後も対象を広げ、2022年6月の市議会総務委員会で報告された。"])
    with pytest.raises(PromotionRefused) as refused:
        promote(draft, settings)
    assert [run.field for run in refused.value.copied] == ["lessons.0"]


def test_an_existing_case_is_never_overwritten(draft, settings):
    existing = settings.corpus / "cases" / "nagaoka-rpa-trial.yaml"
    existing.write_text("# 別の人が書いている事例\n", encoding="utf-8")
    with pytest.raises(PromotionRefused) as refused:
        promote(draft, settings)
    assert any("既にあります" in reason for reason in refused.value.reasons)
    assert existing.read_text(encoding="utf-8") == "# 別の人が書いている事例\n"


def test_a_case_written_meanwhile_is_not_overwritten(tmp_path):
    """The file is created by a hard link, which fails if the name was taken after the checks."""
    target = tmp_path / "x.yaml"
    target.write_text("theirs", encoding="utf-8")
    assert promote_module._create(target, b"mine") is False
    assert target.read_text(encoding="utf-8") == "theirs" and [p.name for p in tmp_path.iterdir()] == [
        "x.yaml"
    ]


def test_a_failed_write_leaves_neither_the_case_nor_a_temporary_file(draft, settings, monkeypatch):
    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        promote(draft, settings)
    assert list((settings.corpus / "cases").glob("nagaoka*")) == []
    assert not [p for p in (settings.corpus / "cases").iterdir() if p.name.startswith(".")]


def test_validation_problems_are_shown_at_the_drafts_lines(draft, settings):
    edit(draft, themes=["no-such-theme"], outcome="failure")
    with pytest.raises(PromotionRefused) as refused:
        promote(draft, settings)
    problems = {p.field: p for p in refused.value.problems}
    assert "themes.0" in problems and problems["themes.0"].path == draft
    lines = draft.read_text(encoding="utf-8").splitlines()
    assert "no-such-theme" in lines[problems["themes.0"].line - 1]
    assert any("lessons" in p.message for p in refused.value.problems)  # a failure needs lessons
    assert not (settings.corpus / "cases" / "nagaoka-rpa-trial.yaml").exists()


def test_without_the_source_in_the_cache_the_copy_check_cannot_run(draft, settings, tmp_path):
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    data["provenance"]["source"] = str(tmp_path / "gone.html")
    draft.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PromotionRefused) as refused:
        promote(draft, settings)
    assert any("写しの検査ができません" in reason for reason in refused.value.reasons)


def test_kb_promote_reports_every_reason_and_exits_1(draft, settings, monkeypatch):
    monkeypatch.setenv("KB_CACHE", str(settings.cache))
    edit(draft, summary=COPIED, themes=["no-such-theme"])
    result = CliRunner().invoke(app, ["promote", str(draft), "--corpus", str(settings.corpus)])
    assert result.exit_code == 1
    assert (
        "themes.0" in result.output
        and "出典と同じ" in result.output
        and "まだ事例にできません" in result.output
    )
    edit(
        draft,
        summary="長岡市は2018年度に9課でRPAを試し、効果を数字で示してから対象業務を広げた。",
        themes=["ai-rpa"],
    )
    done = CliRunner().invoke(app, ["promote", str(draft), "--corpus", str(settings.corpus)])
    assert done.exit_code == 0, done.output
    assert "事例にしました" in done.output and (settings.corpus / "cases" / "nagaoka-rpa-trial.yaml").exists()


NOGATA = "https://www.city.nogata.fukuoka.jp/shisei/_1183/_9170.html"


def case_file(tmp_path: Path, summary: str, url: str = NOGATA) -> Path:
    path = tmp_path / "nogata-check.yaml"
    data = yaml.safe_load((CORPUS / "cases" / "nogata-juki-point-gis.yaml").read_text(encoding="utf-8"))
    data.update(summary=summary, sources=[{"url": url, "title": "住基ポイントデータ"}])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_check_copy_finds_copied_runs_in_a_pull_request(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE", str(PAGES))  # the saved pages are the cache
    copied = case_file(
        tmp_path,
        "氏名などの個人情報はGISに持たせないため、繁忙期でも窓口の負担を増やさずに続けられています。",
    )
    result = CliRunner().invoke(app, ["check-copy", str(copied), "--corpus", str(CORPUS)])
    assert result.exit_code == 1
    assert "summary: 出典と同じ" in result.output and NOGATA in result.output


def test_check_copy_passes_a_case_in_its_own_words_and_says_what_it_could_not_check(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE", str(PAGES))
    own = case_file(
        tmp_path, "直方市は住民の異動の受付に合わせて世帯の位置を地図で管理し、庁内で使っている。"
    )
    assert CliRunner().invoke(app, ["check-copy", str(own), "--corpus", str(CORPUS)]).exit_code == 0
    elsewhere = case_file(tmp_path, "直方市の住基ポイント。", url="https://example.jp/not-cached.html")
    result = CliRunner().invoke(app, ["check-copy", str(elsewhere), "--corpus", str(CORPUS)])
    assert result.exit_code == 0 and "確認できません" in result.output


def test_check_copy_reports_an_unreadable_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE", str(PAGES))
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [broken\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check-copy", str(broken), "--corpus", str(CORPUS)])
    assert result.exit_code == 1 and "broken.yaml:" in result.output
