"""Validation of case files: every problem, each as `file:line: field: message`.

Checks, in order: reading (size, encoding, YAML syntax, unsafe tags), the `Case` schema, then rules that need
context — id equals the file name, theme ids exist, municipality names/codes/level/region agree with the
registry, ids are unique, and no two cases of the same body look like the same initiative.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from kb.case import Case, Level, MunicipalityRef, Region
from kb.errors import CaseInvalid, Problem, choices, pydantic_message
from kb.municipalities import Registry, check_digit
from kb.text import char_bigrams
from kb.yamlfile import YamlFile, read_yaml

TITLE_SIMILARITY = 0.8  # difflib ratio above which two titles of the same body are suspicious
SUMMARY_SIMILARITY = 0.6  # character-bigram Jaccard above which two summaries are suspicious
# An initiative's own name in a title (「おもやいタクシー」): two cases of one body, begun the same year, naming the
# same one are one initiative written twice (titles and summaries worded apart escape the measures above).
QUOTED_NAME = re.compile(r"「([^」]{2,})」")


@dataclass
class Validation:
    cases: list[Case] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # case id → file
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_MESSAGES = {
    "missing": "必須項目がありません",
    "extra_forbidden": "未知の項目です(綴りを確認してください)",
    "string_pattern_mismatch": "形式が正しくありません",
    "too_short": "少なくとも1件必要です",
    "int_parsing": "整数で書いてください",
    "int_type": "整数で書いてください",
    "date_from_datetime_parsing": "日付は YYYY-MM-DD で書いてください",
    "date_parsing": "日付は YYYY-MM-DD で書いてください",
    "date_type": "日付は YYYY-MM-DD で書いてください",
}


def _schema_problems(doc: YamlFile, error: ValidationError) -> list[Problem]:
    problems = []
    for err in error.errors():
        loc = tuple(err["loc"])
        name = ".".join(str(part) for part in loc)
        if err["type"] == "extra_forbidden" and loc in (("draft",), ("provenance",)):
            message = "下書きの項目です。仕上げたら draft と provenance を削除してください"
        elif err["type"] == "enum":
            message = f"使える値は {choices(str(err['ctx']['expected']))} です"
        elif err["type"] == "value_error":
            message = str(err["msg"]).removeprefix("Value error, ")
        else:
            message = _MESSAGES.get(err["type"]) or pydantic_message(err)
        problems.append(Problem(doc.path, doc.line_of(loc), name, message))
    return problems


class _Context(BaseModel):
    """The fields the context rules need, each read on its own: a schema error elsewhere in the file must not
    hide an unknown theme or a wrong code (every problem, not the first)."""

    id: str | None = None
    themes: list[str] = []
    municipalities: list[MunicipalityRef] = []
    level: Level | None = None
    region: Region | None = None

    @classmethod
    def read(cls, data: dict[str, Any]) -> _Context:
        fields = {}
        for name, info in cls.model_fields.items():
            try:
                fields[name] = TypeAdapter(cast(Any, info.annotation)).validate_python(
                    data.get(name, info.default)
                )
            except ValidationError:
                continue  # the schema check reports it
        return cls(**fields)


def _registry_problems(case: Case | _Context, doc: YamlFile, registry: Registry) -> list[Problem]:
    problems = []
    for i, ref in enumerate(case.municipalities):
        body = registry.get(ref.code)
        line = doc.line_of(("municipalities", i, "code"))
        if body is None:
            hint = ""
            if check_digit(ref.code[:5]) != ref.code[5]:
                hint = f"(検査数字が違います。{ref.code[:5]}{check_digit(ref.code[:5])} ではありませんか)"
            problems.append(
                Problem(
                    doc.path,
                    line,
                    f"municipalities.{i}.code",
                    f"コード {ref.code} の自治体はありません{hint}",
                )
            )
            continue
        if ref.name != body.name:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(("municipalities", i, "name")),
                    f"municipalities.{i}.name",
                    f"名称とコードが一致しません: コード {ref.code} は「{body.name}」です",
                )
            )
        if i == 0:
            if case.level is not None and case.level != body.level:
                msg = f"主たる団体「{body.name}」の区分は {body.level.value} です"
                problems.append(Problem(doc.path, doc.line_of(("level",)), "level", msg))
            if case.region is not None and case.region != body.region:
                msg = f"主たる団体「{body.name}」の地方は {body.region.value} です"
                problems.append(Problem(doc.path, doc.line_of(("region",)), "region", msg))
    return problems


def _check_file(
    path: Path, themes: set[str], registry: Registry, root: Path | None = None
) -> tuple[Case | None, list[Problem]]:
    try:
        doc = read_yaml(path, root)
    except CaseInvalid as e:
        return None, e.problems
    if not isinstance(doc.data, dict):
        return None, [
            Problem(path, 1, "", "事例ファイルは「項目: 値」の形(YAMLのマッピング)で書いてください")
        ]
    problems = [
        Problem(path, line, ".".join(map(str, loc)), "同じ項目が2回あります")
        for loc, line in doc.duplicate_keys
    ]
    case: Case | None = None
    try:
        case = Case.model_validate(doc.data)
    except ValidationError as e:
        problems += _schema_problems(doc, e)
    context = case or _Context.read(doc.data)
    if context.id is not None and context.id != path.stem:
        problems.append(
            Problem(path, doc.line_of(("id",)), "id", f"id はファイル名と同じ「{path.stem}」にしてください")
        )
    for i, theme in enumerate(context.themes):
        if theme not in themes:
            msg = f"未知のテーマID「{theme}」(corpus/themes.yaml を参照)"
            problems.append(Problem(path, doc.line_of(("themes", i)), f"themes.{i}", msg))
    problems += _registry_problems(context, doc, registry)
    return case, problems


def near_duplicate(a: Case, b: Case) -> str | None:
    """Why two cases look like the same initiative of the same body, or None."""
    if a.anonymous or b.anonymous or a.lead is None or b.lead is None or a.lead.code != b.lead.code:
        return None
    title = difflib.SequenceMatcher(None, a.title, b.title).ratio()
    if title >= TITLE_SIMILARITY:
        return f"タイトル類似度 {title:.2f}"
    sa, sb = char_bigrams(a.summary).keys(), char_bigrams(b.summary).keys()
    summary = len(sa & sb) / max(1, len(sa | sb))
    if summary >= SUMMARY_SIMILARITY:
        return f"概要の類似度 {summary:.2f}"
    shared = set(QUOTED_NAME.findall(a.title)) & set(QUOTED_NAME.findall(b.title))
    if shared and a.year == b.year:
        return f"題名に同じ「{sorted(shared)[0]}」、開始年も同じ {a.year}年"
    return None


def validate_files(
    paths: Iterable[Path],
    themes: set[str],
    registry: Registry,
    reference: Iterable[Path] = (),
    root: Path | None = None,
) -> Validation:
    """Validate `paths`; `reference` files (the rest of the corpus) only serve the uniqueness checks. With
    `root`, every file must lie inside it (a link out of the corpus is a problem, not a case)."""
    result = Validation()
    checked = [Path(p) for p in paths]
    checked_files = {p.resolve() for p in checked}  # `corpus/cases/a.yaml` and its absolute path are one file
    seen: dict[str, tuple[Path, Case]] = {}
    for path in [*(Path(p) for p in reference if Path(p).resolve() not in checked_files), *checked]:
        case, problems = _check_file(path, themes, registry, root)
        is_checked = path.resolve() in checked_files
        if is_checked:
            result.problems += problems
        if case is None:
            continue
        if case.id in seen and is_checked:
            first = seen[case.id][0]
            result.problems.append(Problem(path, 1, "id", f"id「{case.id}」は {first} と重複しています"))
            continue
        if is_checked:
            for other_path, other_case in seen.values():
                reason = near_duplicate(case, other_case)
                if reason:
                    msg = f"{other_path} とほぼ同じ事例に見えます({reason})。統合するか違いをはっきりさせてください"
                    result.problems.append(Problem(path, 1, "", msg))
            if not problems:
                result.cases.append(case)
                result.paths[case.id] = path
        seen.setdefault(case.id, (path, case))
    return result
