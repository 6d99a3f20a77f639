"""`ingest_all` end to end: named sources offline, any page, drafts on disk, and failure behaviour."""

from __future__ import annotations

import dataclasses
import socket
from pathlib import Path

import pytest
import yaml

from kb.ingest import ingest_all, pipeline
from kb.ingest.draft import Draft
from kb.ingest.limits import LIMITS
from kb.municipalities import load_registry
from kb.themes import load_themes
from kb.validate import validate_files

from .conftest import CORPUS, LOCAL
from .hostile import hostile_server, trickle
from .pdfmaker import make_bomb_pdf, make_encrypted_pdf, make_pdf

NOGATA = "https://www.city.nogata.fukuoka.jp/shisei/_1183/_9170.html"
ALL_SOURCES = ["tokyo_dx_award", "dxship_hiroshima", "nogata", "masuda", "failure_lessons"]


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def named_drafts(tmp_path_factory) -> tuple[Path, list[str]]:
    """All named sources ingested once, offline from tests/data/pages."""
    from kb.settings import Settings

    from .conftest import PAGES

    out = tmp_path_factory.mktemp("drafts")
    settings = Settings(corpus=CORPUS, cache=PAGES, ingest_delay=0.0)
    report = ingest_all(ALL_SOURCES, settings, out=out, offline=True)
    assert not report.failed, report.lines()
    return out, report.lines()


def test_named_sources_offline_yield_the_expected_drafts(named_drafts):
    out, lines = named_drafts
    assert sorted(p.stem for p in out.glob("*.yaml")) == [
        "anonymous-kibo-dantai-somosomo",
        "chofu-gomi-navi",
        "hiroshima-dxship-digital",
        "itabashi-yorozu-sodan-dx",
        "machida-ko-kaikeika-hogosha",
        "machida-virtual-yakusho-portal",
        "masuda-madoguchi-kaikaku-gyosei",
        "nerima-chozei-riin-system",
        "nogata-juki-point-data",
        "ome-kakanai-madoguchi",
        "ota-plastics-kaishusha-unko",
        "sumida-koreisha-digital-divide",
    ]
    assert len(lines) == 12 and all(line.startswith("下書きを書き出しました") for line in lines)


@pytest.mark.parametrize(
    ("draft_id", "code", "year", "theme"),
    [
        ("nogata-juki-point-data", "402044", 2014, "gis"),
        ("masuda-madoguchi-kaikaku-gyosei", "322041", 2024, "madoguchi"),
        ("hiroshima-dxship-digital", "340006", 2023, "jinzai"),
        ("chofu-gomi-navi", "132080", 2024, "ai-rpa"),
        ("nerima-chozei-riin-system", "131202", 2024, "naibu"),
        ("machida-virtual-yakusho-portal", "132098", 2024, "koho"),
        ("itabashi-yorozu-sodan-dx", "131199", 2023, None),  # an award line alone: no theme to read
        ("ome-kakanai-madoguchi", "132055", 2023, "madoguchi"),
        ("ota-plastics-kaishusha-unko", "131113", 2025, None),
        ("sumida-koreisha-digital-divide", "131075", 2023, "digital-divide"),
    ],
)
def test_named_source_drafts_are_linked_dated_and_themed(named_drafts, draft_id, code, year, theme):
    data = load(named_drafts[0] / f"{draft_id}.yaml")
    assert data["municipalities"][0]["code"] == code
    assert data["year"] == year and theme in (None, data["themes"][0])
    assert data["draft"] is True and data["provenance"]["sha256"]


def test_dxship_draft_names_the_participating_towns(named_drafts):
    data = load(named_drafts[0] / "hiroshima-dxship-digital.yaml")
    assert [m["code"] for m in data["municipalities"]] == ["340006", "342025", "342041", "342157"]
    assert data["level"] == "prefecture"


def test_failure_drafts_are_anonymous_failures_with_lessons(named_drafts):
    data = load(named_drafts[0] / "anonymous-kibo-dantai-somosomo.yaml")
    assert data["anonymous"] is True and data["municipalities"] == []
    assert data["outcome"] == "failure" and data["lessons"] and data["year"] == 2022
    assert data["sources"][0]["url"] == "https://www.soumu.go.jp/main_content/000815071.pdf"


def test_every_draft_becomes_a_valid_case_once_the_draft_fields_are_removed(named_drafts, tmp_path):
    themes = {t.id for t in load_themes(CORPUS)}
    finished = []
    for path in sorted(named_drafts[0].glob("*.yaml")):
        Draft.model_validate(load(path))
        data = {k: v for k, v in load(path).items() if k not in ("draft", "provenance")}
        target = tmp_path / path.name
        target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        finished.append(target)
    result = validate_files(finished, themes, load_registry())
    assert result.problems == []


def test_shift_jis_municipal_page_by_url(settings, tmp_path):
    report = ingest_all([NOGATA], settings, out=tmp_path, offline=True)
    assert not report.failed
    data = load(tmp_path / "nogata-juki-point-data.yaml")
    assert data["municipalities"] == [{"name": "福岡県直方市", "code": "402044"}]
    assert (data["year"], data["themes"][0], data["region"]) == (2014, "gis", "kyushu_okinawa")
    assert data["provenance"]["source"] == NOGATA
    assert "福岡県香春町" in (tmp_path / "nogata-juki-point-data.yaml").read_text(encoding="utf-8")  # noted


def test_local_files_html_euc_jp_and_text(settings, tmp_path):
    report = ingest_all(
        [str(LOCAL / "taketomi-line-shinsei.html"), str(LOCAL / "uwajima-report.txt")], settings, out=tmp_path
    )
    assert not report.failed, report.lines()
    taketomi = load(tmp_path / "taketomi-juminhyo-zei-shomei.yaml")
    assert taketomi["municipalities"][0]["code"] == "473812" and taketomi["year"] == 2023
    assert taketomi["sources"][0]["url"] == "https://source.invalid/"  # a local file: the curator fills it
    assert load(tmp_path / "uwajima-madoguchi-kaikaku-memo.yaml")["municipalities"][0]["code"] == "382035"


def test_near_duplicate_of_a_curated_case_is_flagged(settings, tmp_path):
    report = ingest_all([str(LOCAL / "uwajima-madoguchi.html")], settings, out=tmp_path)
    (line,) = report.lines()
    assert "uwajima-kakanai-madoguchi.yaml" in line and "同じ出典" in line
    assert "重複の可能性" in (tmp_path / "uwajima-kakanai-madoguchi-2.yaml").read_text(encoding="utf-8")


def test_the_same_initiative_from_another_source_is_flagged(settings, tmp_path):
    """The memo cites no URL and words its title differently; the initiative's words give it away."""
    (line,) = ingest_all([str(LOCAL / "uwajima-report.txt")], settings, out=tmp_path).lines()
    assert "uwajima-kakanai-madoguchi.yaml" in line and "取組の語が一致" in line


def test_existing_draft_is_kept_unless_forced(settings, tmp_path):
    source = str(LOCAL / "taketomi-line-shinsei.html")
    path = tmp_path / "taketomi-juminhyo-zei-shomei.yaml"
    assert not ingest_all([source], settings, out=tmp_path).failed
    path.write_text(path.read_text(encoding="utf-8") + "# 手で直した\n", encoding="utf-8")
    again = ingest_all([source], settings, out=tmp_path)
    assert again.failed and "既にあります" in again.lines()[0] and "--force" in again.lines()[0]
    assert "手で直した" in path.read_text(encoding="utf-8")
    assert not ingest_all([source], settings, out=tmp_path, force=True).failed
    assert "手で直した" not in path.read_text(encoding="utf-8")


def test_a_different_source_with_the_same_id_gets_a_suffix(settings, tmp_path):
    """The curated case holds the plain id; a second copy of the page (another source) gets the next one."""
    copy = tmp_path / "copy" / "uwajima-madoguchi.html"
    copy.parent.mkdir()
    copy.write_bytes((LOCAL / "uwajima-madoguchi.html").read_bytes())
    out = tmp_path / "out"
    ingest_all([str(LOCAL / "uwajima-madoguchi.html")], settings, out=out)
    ingest_all([str(copy)], settings, out=out)
    assert {p.name for p in out.glob("*.yaml")} == {
        "uwajima-kakanai-madoguchi-2.yaml",
        "uwajima-kakanai-madoguchi-3.yaml",
    }


def test_never_writes_into_corpus_cases(settings, tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "cases").mkdir(parents=True)
    (corpus / "themes.yaml").write_text(
        (CORPUS / "themes.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    mine = settings.model_copy(update={"corpus": corpus})
    report = ingest_all([str(LOCAL / "taketomi-line-shinsei.html")], mine, out=corpus / "cases")
    assert report.failed and "には書き込めません" in report.lines()[0]
    assert list((corpus / "cases").iterdir()) == []
    default = ingest_all([str(LOCAL / "taketomi-line-shinsei.html")], mine)
    assert not default.failed and (corpus / "drafts" / "taketomi-juminhyo-zei-shomei.yaml").exists()


def test_failures_are_one_line_each_and_the_other_inputs_complete(settings, tmp_path, httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/gone.html").respond_with_data("not found", status=404)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    inputs = [
        f"http://127.0.0.1:{closed_port}/page.html",
        httpserver.url_for("/gone.html"),
        str(binary),
        str(empty),
        str(LOCAL / "no-municipality.html"),
        "no-such-source",
        str(LOCAL / "taketomi-line-shinsei.html"),
    ]
    online = settings.model_copy(update={"cache": tmp_path / "cache"})
    report = ingest_all(inputs, online, out=out, allow_private=True)  # the test server listens on localhost
    lines = report.lines()
    assert report.failed and len(lines) == len(inputs)
    assert all("\n" not in line for line in lines)
    for line, expected in zip(
        lines,
        [
            "接続できません",
            "HTTP 404",
            "バイナリ",
            "空のファイル",
            "自治体を特定できません",
            "kb ingest --list",
            "下書き",
        ],
        strict=True,
    ):
        assert expected in line, line
    assert [p.name for p in out.iterdir()] == [
        "taketomi-juminhyo-zei-shomei.yaml"
    ]  # no partial or temp files


@pytest.mark.parametrize("malformed", ["http://[::1", "https://exa\x00mple.jp/x.html", "http://"])
def test_a_malformed_url_fails_alone(settings, tmp_path, malformed):
    report = ingest_all([malformed, str(LOCAL / "taketomi-line-shinsei.html")], settings, out=tmp_path)
    first, second = report.lines()
    assert first.startswith("エラー:") and "URLの形式が正しくありません" in first
    assert second.startswith("下書きを書き出しました")


def test_a_broken_themes_file_is_reported_for_every_input(settings, tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "cases").mkdir(parents=True)
    (corpus / "themes.yaml").write_text("- id: madoguchi\n  label: [窓口\n", encoding="utf-8")
    mine = settings.model_copy(update={"corpus": corpus})
    report = ingest_all([str(LOCAL / "taketomi-line-shinsei.html"), "nogata"], mine, out=tmp_path / "out")
    assert report.failed and len(report.lines()) == 2
    assert all("themes.yaml:" in line and "YAMLの構文エラー" in line for line in report.lines())


def test_an_input_that_breaks_a_parser_fails_alone(settings, tmp_path, monkeypatch):
    """Whatever a bad input trips over (here a ValueError deep in reading), the other inputs still run."""
    real = pipeline.read_file

    def fragile(path: Path, *, limits):  # type: ignore[no-untyped-def]
        if path.name == "uwajima-report.txt":
            raise ValueError("Invalid IPv6 URL")
        return real(path, limits=limits)

    monkeypatch.setattr(pipeline, "read_file", fragile)
    inputs = [str(LOCAL / "uwajima-report.txt"), str(LOCAL / "taketomi-line-shinsei.html")]
    first, second = ingest_all(inputs, settings, out=tmp_path).lines()
    assert first.startswith("エラー:") and "Invalid IPv6 URL" in first
    assert second.startswith("下書きを書き出しました")


def test_hostile_inputs_fail_alone_and_the_batch_goes_on(settings, tmp_path, httpserver):
    """Each of these once aborted the whole batch (or held it forever); now each is its own line."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/loop.html").respond_with_data(
        "", status=302, headers={"Location": "/loop.html"}
    )
    httpserver.expect_request("/gzip.html").respond_with_data(
        b"not gzip at all", content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    files = {
        "bomb.pdf": make_bomb_pdf(80 * 1000 * 1000),
        "encrypted.pdf": make_encrypted_pdf(),
        "many.pdf": make_pdf([["益田市"]] * (LIMITS.max_pdf_pages + 1)),
        "deep.html": b"<html><body>"
        + b"<div>" * 100_000
        + b"\xe7\x9b\x8a\xe7\x94\xb0\xe5\xb8\x82</body></html>",
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 40\r\n\r\n"
    online = settings.model_copy(update={"cache": tmp_path / "cache"})
    budget = dataclasses.replace(LIMITS, download_deadline=0.5)
    with hostile_server(lambda conn: (conn.sendall(head), trickle(b"x" * 40, 0.05)(conn))) as slow:
        inputs = [
            httpserver.url_for("/loop.html"),
            httpserver.url_for("/gzip.html"),
            f"{slow}/trickle.html",
            *(str(tmp_path / name) for name in files),
            str(LOCAL / "taketomi-line-shinsei.html"),
        ]
        report = ingest_all(inputs, online, out=tmp_path / "out", allow_private=True, limits=budget)
    expected = [
        "リダイレクトが循環しています",
        "圧縮された本文を展開できません",
        "ダウンロードが時間内に終わりません(上限 0.5 秒)",
        "PDFを展開すると上限を超えます",
        "暗号化されたPDF",
        "PDFのページが多すぎます(501 ページ、上限 500 ページ)",
        "HTMLの入れ子が深すぎます(上限 1,000 段)",
        "下書きを書き出しました",
    ]
    lines = report.lines()
    assert len(lines) == len(expected) and all("\n" not in line for line in lines)
    for line, message in zip(lines, expected, strict=True):
        assert message in line, line
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["taketomi-juminhyo-zei-shomei.yaml"]


def test_credentials_in_a_url_reach_no_report_draft_or_cache(settings, tmp_path, httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/gone.html").respond_with_data("", status=404)
    page = (LOCAL / "taketomi-line-shinsei.html").read_bytes()
    httpserver.expect_request("/page.html").respond_with_data(page, content_type="text/html")
    secret = f"http://kb-user:hunter2@localhost:{httpserver.port}"
    online = settings.model_copy(update={"cache": tmp_path / "cache"})
    report = ingest_all(
        [f"{secret}/page.html", f"{secret}/gone.html"], online, out=tmp_path / "out", allow_private=True
    )
    written, missing = report.lines()
    assert written.startswith("下書きを書き出しました") and "認証情報" in written
    assert missing == f"エラー: {httpserver.url_for('/gone.html')}: ページが見つかりません (HTTP 404)"
    draft = load(tmp_path / "out" / "taketomi-juminhyo-zei-shomei.yaml")
    assert draft["provenance"]["source"] == httpserver.url_for("/page.html")
    assert all("Authorization" not in request.headers for request, _ in httpserver.log)
    for path in tmp_path.rglob("*"):
        assert "hunter2" not in str(path)
        assert not path.is_file() or b"hunter2" not in path.read_bytes()
