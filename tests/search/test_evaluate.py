"""The judged query set of `kb eval`: read like every curator file, malformed entries named by their line."""

import pytest

from kb.errors import KBError
from kb.search.evaluate import load_queries

GOOD = "- id: q01\n  query: 書かない窓口\n  relevant: {masuda-kakanai-madoguchi: 2}\n"


def write(tmp_path, text):
    path = tmp_path / "queries.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_queries_load_with_their_grades(tmp_path):
    (query,) = load_queries(write(tmp_path, GOOD))
    assert (query.id, query.text, query.relevant) == ("q01", "書かない窓口", {"masuda-kakanai-madoguchi": 2})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD + "- query: 窓口\n", r"queries\.yaml:4: 2 件目に query と relevant"),
        (GOOD + "- 窓口\n", r"queries\.yaml:4: 2 件目に query と relevant"),
        (GOOD + "- query: 窓口\n  relevant: {a: とても}\n", r"queries\.yaml:4: 2 件目の relevant の値"),
        (GOOD + "- query: [窓口\n", r"queries\.yaml:\d+: YAMLの構文エラー"),
        ("query: 窓口\n", r"queries\.yaml:1: .*リスト"),
    ],
)
def test_a_malformed_query_set_is_named_by_file_and_line(tmp_path, text, message):
    with pytest.raises(KBError, match=message):
        load_queries(write(tmp_path, text))
