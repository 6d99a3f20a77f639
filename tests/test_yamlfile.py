"""Hostile curator files: each becomes one `file:line` problem, in well under a second, never a crash or a
hang (issue: a 505-byte YAML file took 3 GB; 100,000 brackets and a 5,000-digit integer gave tracebacks; a FIFO
hung validate; a link to /dev/zero exhausted memory)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kb.corpus import load_corpus, validate_paths
from kb.errors import CaseInvalid
from kb.yamlfile import MAX_DEPTH, read_yaml

FIXTURE = Path(__file__).parent / "data" / "corpus"
GOOD = FIXTURE / "cases" / "uwajima-kakanai-madoguchi.yaml"
# Ten levels of anchors, each a list of nine aliases of the previous: 9^10 items if expanded (505 bytes).
LAUGHS = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 11))


def problems(path: Path) -> list[str]:
    with pytest.raises(CaseInvalid) as err:
        read_yaml(path)
    return [str(p) for p in err.value.problems]


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_billion_laughs_is_refused_before_expansion(tmp_path):
    assert len(LAUGHS.encode()) < 600
    found = problems(write(tmp_path, LAUGHS))
    assert len(found) == 1 and "エイリアス" in found[0] and found[0].startswith(f"{tmp_path}/bad.yaml:1:")


def test_a_self_referencing_alias_is_refused(tmp_path):
    assert "エイリアス" in problems(write(tmp_path, "a: &a [*a]\n"))[0]


def test_deep_brackets_are_refused_not_a_recursion_error(tmp_path):
    found = problems(write(tmp_path, "x: " + "[" * 100_000 + "]" * 100_000 + "\n"))
    assert "入れ子が深すぎます" in found[0] and f"上限 {MAX_DEPTH}" in found[0]


def test_a_huge_integer_is_refused_with_its_line(tmp_path):
    found = problems(write(tmp_path, "id: x\npopulation: " + "9" * 5000 + "\n"))
    assert found[0].startswith(f"{tmp_path}/bad.yaml:2:") and "数が大きすぎます" in found[0]
    assert read_yaml(write(tmp_path, 'code: "' + "1" * 30 + '"\n', "quoted.yaml")).data  # quoted: text


def test_not_regular_files_are_refused(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    assert "通常のファイルではありません" in problems(fifo)[0]  # and does not hang
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert "通常のファイルではありません" in problems(folder)[0]
    device = tmp_path / "zero.yaml"
    device.symlink_to("/dev/zero")
    assert "通常のファイルではありません" in problems(device)[0]


def test_the_corpus_refuses_links_that_leave_it_and_reports_every_bad_file(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE, corpus)
    outside = tmp_path / "outside.yaml"
    shutil.copy(GOOD, outside)
    (corpus / "cases" / "uwajima-kakanai-madoguchi.yaml").unlink()
    (corpus / "cases" / "uwajima-kakanai-madoguchi.yaml").symlink_to(outside)
    (corpus / "cases" / "laughs.yaml").write_text(LAUGHS, encoding="utf-8")
    os.mkfifo(corpus / "cases" / "fifo.yaml")
    result = validate_paths(corpus)
    messages = "\n".join(str(p) for p in result.problems)
    assert (
        "コーパスの外" in messages and "エイリアス" in messages and "通常のファイルではありません" in messages
    )
    with pytest.raises(CaseInvalid):
        load_corpus(corpus)  # nothing of it is indexed or served


def test_a_schema_error_does_not_hide_an_unknown_theme_or_a_wrong_code(tmp_path):
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace("outcome: success", "outcome: great").replace(
        "themes: [madoguchi", "themes: [no-such"
    )
    text = text.replace('code: "382035"', 'code: "382036"')
    path = write(tmp_path, text, "uwajima-kakanai-madoguchi.yaml")
    result = validate_paths(FIXTURE, [path])
    fields = {p.field for p in result.problems}
    assert {"outcome", "themes.0", "municipalities.0.code"} <= fields
