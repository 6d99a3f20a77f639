"""Safe, line-aware YAML reading for curator files.

Only plain YAML is accepted: tags such as `!!python/object` are rejected by PyYAML's SafeLoader and never
executed. Besides the data, `read_yaml` returns where each key and list item stands, so a validation error
can name `file:line` for any field path (e.g. ``("municipalities", 0, "code")``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.errors import CaseInvalid, Problem

MAX_BYTES = 256 * 1024  # a case is a page of text; anything larger is a mistake (or an attack)

FieldPath = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so the schema (not PyYAML) judges them and names the field."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.SafeLoader.construct_yaml_str,  # type: ignore[type-var]
)


@dataclass
class YamlFile:
    path: Path
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[FieldPath, int]] = field(default_factory=list)

    def line_of(self, loc: FieldPath) -> int:
        """The line of the deepest known prefix of `loc` (1 when nothing is known)."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


def _problem(path: Path, line: int, message: str) -> CaseInvalid:
    return CaseInvalid([Problem(path, line, "", message)])


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise _problem(path, line, "UTF-8 ではありません。ファイルを UTF-8 で保存し直してください") from None


def _walk(node: yaml.Node, prefix: FieldPath, out: YamlFile) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            here = (*prefix, key)
            if key in seen:
                out.duplicate_keys.append((here, key_node.start_mark.line + 1))
            seen.add(key)
            out.lines[here] = key_node.start_mark.line + 1
            _walk(value_node, here, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out.lines[(*prefix, i)] = item.start_mark.line + 1
            _walk(item, (*prefix, i), out)


def read_yaml(path: Path) -> YamlFile:
    """Parse one YAML file safely; raise `CaseInvalid` naming file and line on any reading problem."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise _problem(path, 1, f"読めません: {e.strerror}") from None
    if size > MAX_BYTES:
        raise _problem(path, 1, f"ファイルが大きすぎます({size:,} バイト、上限 {MAX_BYTES:,})")
    text = _decode(path, path.read_bytes())
    try:
        data = yaml.load(text, Loader=_Loader)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        if isinstance(e, yaml.constructor.ConstructorError):
            message = f"使えないYAMLタグです(実行はしていません): {e.problem}"
        else:
            message = f"YAMLの構文エラー: {e.problem or e.context}"
            if e.context_mark and mark and e.context_mark.line != mark.line:
                # The opening bracket or quote that was never closed is usually the real mistake.
                message += (
                    f"({e.context_mark.line + 1}行目で始まった括弧か引用符が閉じていない可能性があります)"
                )
        raise _problem(path, line, message) from None
    except yaml.YAMLError as e:
        raise _problem(path, 1, f"YAMLの構文エラー: {e}") from None
    out = YamlFile(path=path, data=data)
    if root is not None:
        _walk(root, (), out)
    return out
