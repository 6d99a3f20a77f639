"""Domain errors with messages a user can act on; turned into exit codes (CLI) or HTTP statuses (web) at the edge."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class KBError(Exception):
    """Base class: the message is meant for the user (Japanese first)."""


@dataclass(frozen=True)
class Problem:
    """One validation problem, located as precisely as we can: file, line, field."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class CaseInvalid(KBError):
    """A case file (or several) failed validation; carries every problem, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UnknownMunicipality(KBError):
    pass


class AmbiguousMunicipality(KBError):
    def __init__(self, query: str, candidates: list[str]):
        self.query = query
        self.candidates = candidates
        super().__init__(
            f"「{query}」は複数の自治体に該当します: {'、'.join(candidates)}。都道府県名を付けてください。"
        )


class CorpusMissing(KBError):
    def __init__(self, corpus_dir: Path):
        super().__init__(
            f"コーパスが見つかりません: {corpus_dir} に themes.yaml がありません。"
            "--corpus か KB_CORPUS でコーパスのフォルダを指定してください。"
        )


class IndexMissing(KBError):
    def __init__(self, index_dir: Path):
        super().__init__(f"索引がありません ({index_dir})。`kb build` を実行してください。")


class IndexStale(KBError):
    def __init__(self, index_dir: Path, reason: str):
        super().__init__(
            f"索引 ({index_dir}) がコーパスまたは設定と合っていません: {reason}。`kb build` を実行してください。"
        )


class NotFound(KBError):
    """Something asked for by its id or code that does not exist (HTTP 404)."""


class CaseNotFound(NotFound):
    def __init__(self, case_id: str):
        self.case_id = case_id
        super().__init__(f"事例「{case_id}」は見つかりません。")


class TownNotFound(NotFound):
    def __init__(self, code: str):
        self.code = code
        super().__init__(
            f"自治体コード「{code}」の団体はありません。6桁のコード (例: 014001) で指定してください。"
        )


class InvalidParameter(KBError):
    """A search/API parameter with a bad value; `param` names it (CLI option or query parameter)."""

    def __init__(self, param: str, message: str):
        self.param = param
        self.message = message  # for people: plain Japanese, no parameter name (the JSON has `param`)
        super().__init__(message)


class IngestError(KBError):
    """One ingest input could not become a draft (unreachable, not found, unreadable, no municipality...)."""


def pydantic_message(error: Mapping[str, Any]) -> str:
    """One pydantic error (as FastAPI and Typer raise for parameters) as a Japanese sentence."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    messages = {
        "int_parsing": "整数で指定してください",
        "int_from_float": "整数で指定してください",
        "float_parsing": "数値で指定してください",
        "bool_parsing": "true か false で指定してください",
        "greater_than_equal": f"{ctx.get('ge')} 以上で指定してください",
        "greater_than": f"{ctx.get('gt')} より大きい値で指定してください",
        "less_than_equal": f"{ctx.get('le')} 以下で指定してください",
        "less_than": f"{ctx.get('lt')} より小さい値で指定してください",
        "string_too_long": f"{ctx.get('max_length')} 文字以内で指定してください",
        "too_long": f"{ctx.get('max_length')} 個以内で指定してください",
        "missing": "必須です",
        "enum": f"不明な値です。使える値: {choices(str(ctx.get('expected', '')))}",
        "string_type": "文字で指定してください",
        "list_type": "一覧(リスト)で指定してください",
        "bool_type": "true か false で指定してください",
        "dict_type": "「項目: 値」の形で書いてください",
        "string_too_short": "空にはできません",
    }
    return messages.get(kind, "値が正しくありません")


def choices(expected: str) -> str:
    """pydantic's 「'a', 'b' or 'c'」 as 「a、b、c」."""
    return "、".join(part.strip(" '\"") for part in expected.replace(" or ", ", ").split(","))
