"""Curators without a terminal: POST /api/validate gives `kb validate`'s problems; the suggest and report pages."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

GOOD = (Path(__file__).parents[1] / "data" / "corpus" / "cases" / "uwajima-kakanai-madoguchi.yaml").read_text(
    encoding="utf-8"
)


def test_validate_accepts_a_good_case_under_a_new_name(client):  # type: ignore[no-untyped-def]
    text = (
        GOOD.replace("id: uwajima-kakanai-madoguchi", "id: uwajima-copy-test")
        .replace("title: ", "title: 別の取組 ")
        .replace("summary: >-", "summary: >-\n  別の取組として書き直した概要です。")
    )
    body = client.post("/api/validate", json={"yaml": text, "filename": "uwajima-copy-test.yaml"}).json()
    assert [p["message"] for p in body["problems"] if "ほぼ同じ" not in p["message"]] == []


def test_validate_reports_every_problem_like_kb_validate(client):  # type: ignore[no-untyped-def]
    bad = GOOD.replace("outcome: success", "outcome: great").replace("themes: [madoguchi", "themes: [nope")
    body = client.post(
        "/api/validate", json={"yaml": bad, "filename": "uwajima-kakanai-madoguchi.yaml"}
    ).json()
    assert body["ok"] is False
    fields = {p["field"] for p in body["problems"]}
    assert {"outcome", "themes.0"} <= fields
    assert all(p["text"].startswith("uwajima-kakanai-madoguchi.yaml:") for p in body["problems"])
    assert all("great" not in p["message"] or "使える値は" in p["message"] for p in body["problems"])


def test_validate_refuses_hostile_input_with_a_problem_not_a_crash(client):  # type: ignore[no-untyped-def]
    laughs = "a: &a [x]\nb: [*a, *a]\n"
    body = client.post("/api/validate", json={"yaml": laughs, "filename": "x.yaml"}).json()
    assert body["ok"] is False and "エイリアス" in body["problems"][0]["message"]
    assert client.post("/api/validate", json={"yaml": "x", "filename": "../../etc/passwd"}).status_code == 422
    assert client.post("/api/validate", json={"yaml": "x" * 300_000}).status_code == 422


def test_suggest_page_and_report_link(client):  # type: ignore[no-untyped-def]
    page = BeautifulSoup(client.get("/suggest").text, "html.parser")
    assert page.select_one("[data-suggest-form]") is not None and page.select_one("[data-yaml]") is not None
    case = BeautifulSoup(client.get("/cases/uwajima-kakanai-madoguchi").text, "html.parser")
    link = case.select_one('a[href="/suggest?report=uwajima-kakanai-madoguchi"]')
    assert link is not None and "誤りを報告" in link.text
    report = BeautifulSoup(client.get(link["href"]).text, "html.parser")
    assert "id: uwajima-kakanai-madoguchi" in report.select_one("[data-yaml]").text
    assert client.get("/suggest?report=no-such-case").status_code == 404
