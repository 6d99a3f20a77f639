"""Builds and readers sharing an index folder, driven deterministically: a build finishing while a reader opens
the index, two builds at once, a full disk or a read-only folder, and what killed builds leave behind."""

from __future__ import annotations

import errno
import threading

import numpy as np
import pytest

import kb.search.build as build_module
import kb.search.index as index_module
from kb.errors import KBError
from kb.search import SearchQuery, build_index, open_index
from kb.search.manifest import Manifest


def test_a_reader_survives_builds_that_finish_while_it_opens(make_settings, corpus_copy, monkeypatch):
    settings = make_settings(corpus_copy)
    build_index(settings)
    original = index_module.LexicalIndex.load
    calls = {"n": 0}

    def load_after_two_builds(folder, size):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:  # the reader has read the manifest; two builds now finish and clean up
            (corpus_copy / "cases" / "uwajima-kakanai-madoguchi.yaml").touch()
            build_index(settings)
            build_index(settings)
        return original(folder, size)

    monkeypatch.setattr(index_module.LexicalIndex, "load", load_after_two_builds)
    index = open_index(settings)
    assert index.build_id == Manifest.load(settings.index).build_id
    assert index.search(SearchQuery(text="窓口")).hits


def test_two_builds_at_once_leave_a_manifest_that_names_a_build(make_settings, corpus_copy):
    settings = make_settings(corpus_copy)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build_index(settings)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    manifest = Manifest.load(settings.index)
    assert (settings.index / manifest.artifacts / "build-complete").exists()
    assert open_index(settings).search(SearchQuery(text="窓口")).hits


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "ディスクの空きが足りず"), (errno.EROFS, "書き込めません")]
)
def test_a_full_disk_or_read_only_folder_is_a_message_and_leaves_nothing(
    make_settings, corpus_copy, monkeypatch, code, words
):
    settings = make_settings(corpus_copy)
    build_index(settings)
    before = Manifest.load(settings.index).build_id

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(code, "simulated")

    monkeypatch.setattr(build_module.np, "save", fail)
    (corpus_copy / "cases" / "uwajima-kakanai-madoguchi.yaml").touch()
    with pytest.raises(KBError, match=words):
        build_index(settings)
    assert Manifest.load(settings.index).build_id == before  # the old index still serves
    assert not list(settings.index.glob(".tmp-*"))
    monkeypatch.setattr(build_module.np, "save", np.save)


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(make_settings, corpus_copy):
    settings = make_settings(corpus_copy)
    build_index(settings)
    (settings.index / ".tmp-20260101-000000-dead00").mkdir()
    build_index(settings)
    assert not list(settings.index.glob(".tmp-*"))


def test_old_builds_go_but_never_the_one_the_manifest_names(make_settings, corpus_copy):
    settings = make_settings(corpus_copy)
    for _ in range(4):
        build_index(settings)
    builds = sorted(p.name for p in settings.index.glob("build-*"))
    assert len(builds) == 2 and Manifest.load(settings.index).artifacts in builds
