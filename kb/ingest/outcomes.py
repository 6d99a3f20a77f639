"""Outcome hints: sentences that report results, stalls or withdrawal, and the outcome they suggest.

Always for the curator to confirm: the hint goes into the draft's comment and provenance, never into its
`outcome` (which keeps what the source itself states). Cues, strongest first: withdrawal (中止, 廃止, 停止,
断念, 撤退...) suggests `failure`; a stall or a rework (利用が伸びない, 低迷, 見直し, 課題が残る...) `mixed`;
a reported effect (削減した, 短縮された, 増加した, 好評...) `success`. A cue in a plan or an expectation
(「削減を見込む」「見直しを予定」) is no result, and abolishing paper, seals or counters (「押印を廃止」) is the
initiative itself, not its withdrawal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.case import Outcome
from kb.text import sentences

CUES: tuple[tuple[Outcome, re.Pattern[str]], ...] = (
    (
        Outcome.failure,
        re.compile(
            r"中止|廃止|停止|休止|断念|撤退|打ち切|頓挫|失敗|使われな|利用(?:者)?(?:が|は)?(?:ゼロ|0件|なかった)"
        ),
    ),
    (
        Outcome.mixed,
        re.compile(
            r"利用(?:者|件数)?(?:が|は)?(?:伸びな|伸び悩|低迷|少な|想定を下回|進まな)|伸び悩|見直し|課題が(?:残|ある|あった)|"
            r"手直し|改善が必要|うまくいかな|定着しな|下回っ"
        ),
    ),
    (
        Outcome.success,
        re.compile(
            r"(?:削減|短縮|減少|増加|向上|改善|軽減|達成)(?:した|された|され|しました|できた|できました|につながっ)|"
            r"減らし|減った|増えた|好評|定着し|効果があ"
        ),
    ),
)
NOT_A_RESULT = re.compile(r"見込|予定|計画|目指|期待|想定され|目標|検討|予測|試算|狙い|ねらい")
THE_INITIATIVE = re.compile(
    r"(?:押印|はんこ|ハンコ|紙|記載台|書類|申請書|現金|様式|路線|窓口延長)[^、。]{0,6}(?:の|を)?(?:廃止|停止|休止)"
)


MAX_SENTENCE = 1_000


@dataclass(frozen=True)
class ResultCue:
    outcome: Outcome
    sentence: str

    @property
    def line(self) -> str:
        return f"結果の候補(要確認): {self.outcome.value} —「{self.sentence[:120]}」"


def _cue(sentence: str) -> Outcome | None:
    sentence = sentence[:MAX_SENTENCE]
    initiative = bool(THE_INITIATIVE.search(sentence))
    for outcome, pattern in CUES:
        for match in pattern.finditer(sentence):
            clause = sentence[match.start() : match.end() + 12]
            if NOT_A_RESULT.search(clause) or (outcome == Outcome.failure and initiative):
                continue
            return outcome
    return None


def outcome_hint(text: str) -> ResultCue | None:
    """The strongest cue of the text (failure before mixed before success) and its sentence, or None."""
    found: dict[Outcome, str] = {}
    for sentence in sentences(text):
        outcome = _cue(sentence)
        if outcome is not None:
            found.setdefault(outcome, sentence)
    for outcome, _ in CUES:
        if outcome in found:
            return ResultCue(outcome, found[outcome])
    return None
