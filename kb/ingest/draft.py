"""The `Draft` record and its file: the case format (`kb.case.Case`) plus `draft: true` and `provenance`.

A draft is rendered as case-format YAML with a comment header that tells the curator what to check (where the
year was read, the outcome the text suggests, the population's source, the other bodies named), and is
written atomically (temporary file + rename) to corpus/drafts/ or another folder — never to corpus/cases/.
An existing draft from the same source is kept unless the caller forces a rewrite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field

from kb.atomic import atomic_write
from kb.case import Case, NonEmpty, Outcome, Strict
from kb.errors import CaseInvalid, IngestError
from kb.yamlfile import read_yaml

PLACEHOLDER_URL = "https://source.invalid/"  # a local file without a canonical link: the curator fills it in
HEADER = (
    "# 下書き: kb ingest が出典から自動で作りました。出典を読んで各項目を確かめ、summary は自分の言葉で\n"
    "# 書き直してください。下の「年」「結果の候補」「人口」は根拠の文つきの提案です。仕上げたら\n"
    "# kb promote <このファイル> で corpus/cases/<id>.yaml にします(draft・provenance を除き、検査と写しの確認をします)。\n"
)


class OutcomeHint(Strict):
    outcome: Outcome = Field(description="本文の記述から考えられる結果(キュレーターが確かめる)")
    sentence: NonEmpty = Field(description="そう考えた本文の文")


class Provenance(Strict):
    source: NonEmpty = Field(description="取り込んだURLまたはファイル(一覧の一項目なら #番号 付き)")
    fetched_at: dt.datetime = Field(description="取得日時 (UTC)")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="取得した内容の SHA-256")
    published: dt.date | None = Field(
        None, description="ページ自身の日付(相対的な日付「1月に」「昨年」の基準)"
    )
    year_from: str | None = Field(None, description="year を読んだ文(またはタイトル・ページの日付)")
    outcome_hint: OutcomeHint | None = Field(None, description="結果の候補と、その根拠の文(要確認)")


class Draft(Case):
    draft: Literal[True] = True
    provenance: Provenance

    def case(self) -> Case:
        """The case part alone, as it will be once the curator removes the draft fields."""
        return Case.model_validate(self.model_dump(exclude={"draft", "provenance", "band"}))


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Long prose as a folded block, like the curated cases: one sentence per line, read back with spaces.
    # Digits stay quoted (code: "082201"): a YAML 1.2 reader would take 082201 for a number.
    style = ">" if len(value) > 60 and " " in value else ('"' if value.isdigit() else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flow = bool(value) and all(isinstance(v, str) and len(v) < 30 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def _plain(draft: Case) -> dict[str, Any]:
    data = draft.model_dump(mode="json", exclude_none=True, exclude={"band"})
    data = {k: v for k, v in data.items() if v != [] or k == "municipalities"}
    for source in data["sources"]:
        if "accessed" in source:
            source["accessed"] = dt.date.fromisoformat(source["accessed"])
    return data


def render(draft: Draft, notes: Sequence[str] = ()) -> str:
    comments = "".join(f"# {' '.join(note.split())}\n" for note in notes)
    body = yaml.dump(_plain(draft), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=60)
    return HEADER + comments + body


def render_case(case: Case) -> str:
    """A case file's text, in the drafts' style (what `kb promote` writes)."""
    return yaml.dump(_plain(case), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=60)


def existing_source(path: Path) -> str | None:
    """The provenance source of a draft already on disk (None when unreadable, as curator files are read)."""
    try:
        return str(read_yaml(path).data["provenance"]["source"])
    except (CaseInvalid, KeyError, TypeError):
        return None


def write_draft(text: str, path: Path, force: bool) -> Path:
    if path.exists() and not force:
        raise IngestError(f"下書きが既にあります: {path}(上書きするには --force)")
    atomic_write(path, text.encode("utf-8"))
    return path
