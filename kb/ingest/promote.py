"""`kb promote`: a finished draft becomes a case, `corpus/cases/<id>.yaml`.

The draft is checked as the case it will be — the rules of `kb validate` (`kb.corpus.validate_text`, against
the corpus' themes, the registry and the other cases), problems located at the draft's own lines — and for
copied prose (`kb.ingest.copycheck`: no run of 15+ characters shared with its cached sources). While anything
is wrong nothing is written and every reason is reported. Then `draft` and `provenance` are removed and the
case is written atomically (`kb.atomic`), never over an existing file: the new file appears whole or not at
all, and a case written meanwhile by someone else is left as it is.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import yaml
from pydantic import ValidationError

from kb.atomic import atomic_write
from kb.case import Case
from kb.corpus import validate_text
from kb.errors import CaseInvalid, KBError, Problem
from kb.ingest.copycheck import CopiedRun, check_copy
from kb.ingest.draft import render_case
from kb.settings import Settings
from kb.yamlfile import YamlFile, read_yaml

DRAFT_FIELDS = ("draft", "provenance")


class PromotionRefused(KBError):
    """Why a draft cannot become a case yet: validation problems, copied runs, other reasons."""

    def __init__(self, draft: Path, reasons: list[str] | None = None):
        self.draft = draft
        self.problems: list[Problem] = []
        self.copied: list[CopiedRun] = []
        self.reasons: list[str] = reasons or []
        super().__init__(f"{draft}: 事例にできません")

    def lines(self) -> list[str]:
        copied = [f"{self.draft}: {run}" for run in self.copied]
        return [str(p) for p in self.problems] + copied + [f"{self.draft}: {r}" for r in self.reasons]


def _problems_at_draft_lines(doc: YamlFile, problems: list[Problem]) -> list[Problem]:
    """Problems of the promoted text, placed at the lines of the same fields in the draft."""

    def loc(field_name: str) -> tuple[str | int, ...]:
        return tuple(int(p) if p.isdigit() else p for p in field_name.split(".") if p)

    return [Problem(doc.path, doc.line_of(loc(p.field)), p.field, p.message) for p in problems]


def _create(path: Path, data: bytes) -> bool:
    """Write a new file atomically, never over an existing one; False when it exists."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.promote")
    atomic_write(temporary, data)  # complete and fsync'd before it gets its name
    try:
        os.link(temporary, path)  # a hard link fails if the name is taken: no overwrite, no race
        return True
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            return False
        os.replace(temporary, path)
        return True
    finally:
        temporary.unlink(missing_ok=True)


def _case_text(data: dict[str, object]) -> str:
    try:
        return render_case(Case.model_validate(data))
    except ValidationError:  # shown by validation; the text is only for the other checks then
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def promote(draft: Path, settings: Settings) -> Path:
    """Check the draft as a case, and write it to corpus/cases/<id>.yaml; raises `PromotionRefused`."""
    try:
        doc = read_yaml(draft)
    except CaseInvalid as e:
        refused = PromotionRefused(draft)
        refused.problems = e.problems
        raise refused from None
    if not isinstance(doc.data, dict):
        raise PromotionRefused(draft, reasons=["事例の形(項目: 値)ではありません"])
    data = {k: v for k, v in doc.data.items() if k not in DRAFT_FIELDS}
    case_id = str(data.get("id") or "")
    text = _case_text(data)
    refused = PromotionRefused(draft)
    refused.problems = _problems_at_draft_lines(
        doc, validate_text(settings.corpus, text, f"{case_id}.yaml").problems
    )
    copy = check_copy(draft, doc.data, settings.cache)
    refused.copied = copy.copied
    if not copy.checked:
        missing = "、".join(copy.unchecked) or "出典がありません"
        refused.reasons.append(
            f"出典の本文がキャッシュにないため、写しの検査ができません({missing})。kb ingest で取り込み直してください"
        )
    target = settings.corpus / "cases" / f"{case_id}.yaml"
    if target.exists():
        refused.reasons.append(f"{target} が既にあります(上書きしません)。id を変えてください")
    if refused.problems or refused.copied or refused.reasons:
        raise refused
    if not _create(target, text.encode("utf-8")):
        raise PromotionRefused(
            draft, reasons=[f"{target} が既にあります(上書きしません)。id を変えてください"]
        )
    return target
