"""The Draft record: the case format plus draft/provenance, rendered as YAML and written atomically."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from pydantic import ValidationError

from kb import atomic
from kb.case import Case
from kb.errors import IngestError
from kb.ingest.draft import Draft, Provenance, existing_source, render, write_draft

SHA = "a" * 64


def make_draft(**changes) -> Draft:
    data = {
        "id": "masuda-madoguchi",
        "title": "益田市 郵便局型キオスク端末",
        "municipalities": [{"name": "島根県益田市", "code": "322041"}],
        "level": "city",
        "region": "chugoku",
        "themes": ["madoguchi", "online-shinsei"],
        "year": 2024,
        "outcome": "unknown",
        "summary": "益田市は令和6年度の施政方針で、市内3つの郵便局に証明書を取れるキオスク端末を置くとした。",
        "sources": [
            {"url": "https://www.city.masuda.lg.jp/x.html", "title": "施政方針", "accessed": "2026-11-20"}
        ],
        "provenance": {
            "source": "https://www.city.masuda.lg.jp/x.html",
            "fetched_at": "2026-11-20T02:25:00Z",
            "sha256": SHA,
        },
    }
    return Draft.model_validate(data | changes)


def test_draft_is_a_case_plus_draft_fields():
    draft = make_draft()
    assert isinstance(draft, Case) and draft.draft is True
    assert isinstance(draft.case(), Case) and not hasattr(draft.case(), "provenance")


def test_draft_keeps_the_case_rules():
    with pytest.raises(ValidationError):
        make_draft(outcome="failure")  # lessons are required for a failure
    with pytest.raises(ValidationError):
        make_draft(draft=False)
    with pytest.raises(ValidationError):
        Provenance(source="x", fetched_at=dt.datetime.now(dt.UTC), sha256="not-a-hash")


def test_render_is_case_format_yaml_with_a_header():
    text = render(make_draft(), ["本文に出てくる他の自治体: 島根県浜田市(322024)"])
    assert text.startswith("# 下書き:") and "# 本文に出てくる他の自治体" in text
    data = yaml.safe_load(text)
    assert list(data)[:3] == ["id", "title", "municipalities"] and list(data)[-2:] == ["draft", "provenance"]
    assert data["municipalities"][0]["code"] == "322041"  # a string, not a number
    assert data["sources"][0]["accessed"] == dt.date(2026, 11, 20)
    assert "lessons" not in data and "metrics" not in data  # empty lists are left out
    assert Draft.model_validate(data) == make_draft()


def test_write_refuses_to_overwrite_without_force(tmp_path):
    path = tmp_path / "d.yaml"
    write_draft("a: 1\n", path, force=False)
    with pytest.raises(IngestError, match="--force"):
        write_draft("a: 2\n", path, force=False)
    write_draft("a: 2\n", path, force=True)
    assert path.read_text() == "a: 2\n"


def test_a_failed_write_leaves_no_file(tmp_path, monkeypatch):
    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_draft(render(make_draft()), tmp_path / "d.yaml", force=False)
    assert list(tmp_path.iterdir()) == []


def test_existing_source_reads_the_provenance(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(render(make_draft()), encoding="utf-8")
    assert existing_source(path) == "https://www.city.masuda.lg.jp/x.html"
    path.write_text("not: [valid", encoding="utf-8")
    assert existing_source(path) is None


def test_existing_source_of_an_unreadable_draft_is_none(tmp_path):
    """Read like every curator file: an encoding problem is "unreadable", not a crash."""
    path = tmp_path / "d.yaml"
    path.write_bytes(render(make_draft()).encode("shift_jis", "replace"))
    assert existing_source(path) is None
