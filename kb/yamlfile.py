"""Safe, line-aware YAML reading for curator files.

Only plain YAML is accepted: tags such as `!!python/object` are rejected by PyYAML's SafeLoader and never
executed. Besides the data, `read_yaml` returns where each key and list item stands, so a validation error
can name `file:line` for any field path (e.g. ``("municipalities", 0, "code")``).

A curator's pull request must not be able to take CI down, so a file is checked against a budget before it is
built into objects, on PyYAML's event stream (which is iterative: no recursion, no alias expansion): at most
`MAX_BYTES`, only regular files (no FIFO, device, directory; no link out of the corpus), no anchors or aliases
(a case has no use for them, and ten levels of them are a "billion laughs" bomb), nesting at most `MAX_DEPTH`,
and integers of at most `MAX_DIGITS` digits. Each breach is one `file:line` problem.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.errors import CaseInvalid, Problem

MAX_BYTES = 256 * 1024  # a case is a page of text; anything larger is a mistake (or an attack)
MAX_DEPTH = 20  # a case nests three levels (sources → item → field); 20 leaves room for any honest file
MAX_DIGITS = 18  # the largest honest number is a cost in yen (10^12); Python refuses > 4,300 digits anyway
_INTEGER = re.compile(r"[-+]?[0-9_]+")

FieldPath = tuple[str | int, ...]


# LibYAML's C parser when PyYAML was built with it (the wheels are): parsing is most of loading a corpus.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """SafeLoader that leaves dates as text, so the schema (not PyYAML) judges them and names the field."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.SafeLoader.construct_yaml_str,
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


def _huge_integer(event: yaml.ScalarEvent) -> bool:
    plain = not event.style and _INTEGER.fullmatch(event.value) is not None  # C parser: "", Python: None
    return plain and len(event.value.strip("+-_")) > MAX_DIGITS


def _budget(path: Path, text: str) -> None:
    """Refuse anchors, aliases, deep nesting and huge integers before anything is built from the text."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _problem(path, line, "アンカー(&)とエイリアス(*)は使えません。値をそのまま書いてください")
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _problem(path, line, f"入れ子が深すぎます(上限 {MAX_DEPTH} 段)")
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and _huge_integer(event):
            raise _problem(path, line, f"数が大きすぎます({MAX_DIGITS} 桁まで)")


def _read_bytes(path: Path, root: Path | None) -> bytes:
    """The file's bytes, if it is a regular file inside `root` and within MAX_BYTES (read bounded: a file that
    grows while it is read cannot get past the limit)."""
    try:
        info = path.stat()
    except OSError as e:
        raise _problem(path, 1, f"読めません: {e.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _problem(
            path, 1, "通常のファイルではありません(フォルダ・名前付きパイプ・デバイスは読みません)"
        )
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        raise _problem(
            path, 1, f"コーパスの外({path.resolve()})を指すリンクです。ファイルを cases/ に置いてください"
        )
    if info.st_size > MAX_BYTES:
        raise _problem(path, 1, f"ファイルが大きすぎます({info.st_size:,} バイト、上限 {MAX_BYTES:,})")
    with path.open("rb") as f:
        raw = f.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _problem(path, 1, f"ファイルが大きすぎます(上限 {MAX_BYTES:,} バイト)")
    return raw


def read_yaml(path: Path, root: Path | None = None) -> YamlFile:
    """Parse one YAML file safely; raise `CaseInvalid` naming file and line on any reading problem. With
    `root`, the file (after links) must lie inside that folder."""
    text = _decode(path, _read_bytes(path, root))
    try:
        _budget(path, text)
        loader = _Loader(text)
        try:
            root_node = loader.get_single_node()
            data = loader.construct_document(root_node) if root_node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        if isinstance(e, yaml.constructor.ConstructorError):
            message = f"使えないYAMLタグです(実行はしていません): {e.problem}"
        elif "nesting depth" in str(e.problem):  # LibYAML's own limit, met while scanning ahead
            message = f"入れ子が深すぎます(上限 {MAX_DEPTH} 段)"
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
    except (ValueError, RecursionError) as e:  # what no budget check foresaw still names the file
        raise _problem(path, 1, f"読み込めない値があります: {type(e).__name__}") from None
    out = YamlFile(path=path, data=data)
    if root_node is not None:
        _walk(root_node, (), out)
    return out
