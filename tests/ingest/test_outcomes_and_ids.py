"""Outcome hints (for the curator to confirm) and ids from the body's romaji and the initiative's words."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.case import Outcome
from kb.ingest.extract import read_file
from kb.ingest.ids import draft_id, key_words
from kb.ingest.lead import Lead
from kb.ingest.limits import LIMITS
from kb.ingest.outcomes import outcome_hint
from kb.ingest.understand import Knowledge, understand
from kb.municipalities import load_registry
from kb.themes import load_themes

from .conftest import CORPUS, LOCAL


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("住民票のLINE申請は、個人情報の問題でサービスを停止した。", Outcome.failure),
        ("支所のテレビ電話は、利用がゼロだった。", Outcome.failure),
        ("導入したが、利用が伸びない状態が続いている。", Outcome.mixed),
        ("運用を見直し、対象を絞った。", Outcome.mixed),
        ("4業務で作業時間を約56%削減した。", Outcome.success),
        ("記入の手間が減った。", Outcome.success),
    ],
)
def test_cues_of_results_stalls_and_withdrawal(text, outcome):
    hint = outcome_hint(text)
    assert hint is not None and hint.outcome == outcome and hint.sentence == text


@pytest.mark.parametrize(
    "text",
    [
        "約3,800万円のコスト削減を見込む。",  # an expectation is no result
        "記載台を廃止し、タブレットを置いた。",  # abolishing paper is the initiative itself
        "押印を廃止した。",
        "窓口で受付番号を入力する。",
    ],
)
def test_no_hint_without_a_result(text):
    assert outcome_hint(text) is None


def test_withdrawal_outweighs_an_earlier_success():
    hint = outcome_hint("申請の件数は増加した。その後、個人情報の問題で受付を停止した。")
    assert hint is not None and hint.outcome == Outcome.failure and "停止" in hint.sentence


def test_the_hint_goes_to_the_comment_and_provenance_not_to_the_outcome():
    knowledge = Knowledge(load_registry(), load_themes(CORPUS), dt.date(2026, 12, 1))
    path = LOCAL / "nagaoka-rpa-trial.html"
    result = understand(Lead(page=read_file(path, limits=LIMITS), key=str(path)), knowledge)
    draft = result.draft
    assert draft.outcome == Outcome.unknown
    assert (
        draft.provenance.outcome_hint is not None and draft.provenance.outcome_hint.outcome == Outcome.success
    )
    assert "2,028時間減らした" in draft.provenance.outcome_hint.sentence
    assert any(note.startswith("結果の候補(要確認): success") for note in result.notes)


@pytest.mark.parametrize(
    ("body", "title", "theme", "expected"),
    [
        ("北海道岩見沢市", "岩見沢市が「書かない窓口」を開設", "madoguchi", "iwamizawa-kakanai-madoguchi"),
        ("宮崎県都城市", "都城市 電子契約の実証", "naibu", "miyakonojo-denshi-keiyaku-jissho"),
        ("東京都調布市", "ごみ分別支援AI「調布ごみナビ」の試験運用", "ai-rpa", "chofu-gomi-navi"),
        ("新潟県長岡市", "長岡市のRPAトライアル", "ai-rpa", "nagaoka-rpa-trial"),
        (
            "沖縄県竹富町",
            "住民票等の証明書をオンライン申請できるようになりました",
            "online-shinsei",
            "taketomi-juminhyo-shomeisho-online",
        ),
        ("福岡県直方市", "について", "gis", "nogata-gis"),  # no key words: the main theme
        (None, "", "ai-rpa", "anonymous-ai-rpa"),
    ],
)
def test_ids_from_the_bodys_romaji_and_the_initiatives_key_words(body, title, theme, expected):
    municipality = load_registry().resolve(body) if body else None
    assert draft_id(municipality, title, theme) == expected


def test_key_words_prefer_a_quoted_name_and_keep_a_negation():
    assert key_words("北海道で広がる「書かない窓口」 その現場") == ["kakanai", "madoguchi"]
    assert key_words("「いつでも」使えるバーチャル市役所ポータル") == ["virtual", "yakusho", "portal"]
