"""Every named source's parser on its saved pages (tests/data/pages/, replayed offline)."""

from __future__ import annotations

import pytest

from kb.case import Outcome
from kb.errors import IngestError
from kb.ingest import named_sources
from kb.ingest.extract import read_bytes
from kb.ingest.harvest import collect_each
from kb.ingest.limits import LIMITS
from kb.ingest.sources import SOURCES, nogata
from kb.ingest.sources.dxship_hiroshima import members
from kb.ingest.sources.failure_lessons import failure_leads
from kb.ingest.sources.tokyo_dx_award import body_name, parse
from kb.text import sentences

# Made-up documents for parser paths the saved pages of real bodies do not cover: they name no real body.
FICTIONAL_AWARD = """<html><head><title>架空のDX表彰(テスト用)</title></head><body><main>
<h2>受賞取組</h2>
<h3>(1)サンプル大賞</h3><p><strong>【サンプル部門】</strong></p><p>個人 「架空の取組その1」</p>
<h3>(2)スプリント賞</h3><p>有志グループ 「架空の取組その2」</p>
</main></body></html>"""
FICTIONAL_MINUTES = """<html><head><meta charset="Shift_JIS"><title>架空の研究会(第1回)議事概要</title></head>
<body><main><h1>架空の研究会(第1回)議事概要</h1><p>1 日時 令和4年3月2日</p>
<p>○ ある団体では電子申請を始めたが、添付書類は紙のままで、利用が伸びなかった。</p>
<p>手続の入口から出口までを通して見直すべきである。</p>
<p>○ 事例集を充実してほしい。</p><p>(以上)</p></main></body></html>"""


def test_every_source_is_listed_with_a_japanese_description():
    listed = named_sources()
    assert set(listed) == {"tokyo_dx_award", "dxship_hiroshima", "nogata", "masuda", "failure_lessons"}
    assert all(description and not description.isascii() for description in listed.values())


@pytest.mark.parametrize("name", list(SOURCES))
def test_every_source_reads_its_saved_pages_without_errors(name, saved_page):
    harvest = SOURCES[name].collect(saved_page)
    assert harvest.errors == []
    assert harvest.leads


def test_tokyo_award_one_lead_per_winner(saved_page):
    harvest = SOURCES["tokyo_dx_award"].collect(saved_page)
    winners = [(lead.bodies, lead.title) for lead in harvest.leads]
    assert [b for b, _ in winners] == [("東京都調布市",), ("東京都練馬区",), ("東京都町田市",)]
    assert winners[0][1] == "産学官連携によるごみ分別支援AI「調布ごみナビ」の試験運用"
    first, _, machida = harvest.leads
    assert "区市町村DX賞(大賞)(行政サービス部門)" in (first.intro or "")
    assert "区市町村DX賞(優秀賞)(行政サービス部門)" in (machida.intro or "")
    assert len({lead.key for lead in harvest.leads}) == 3  # each winner has its own provenance


def test_tokyo_award_follows_the_winner_link_to_its_presentation(saved_page):
    chofu, nerima, _ = SOURCES["tokyo_dx_award"].collect(saved_page).leads
    assert "発表資料(テスト用の要約)" in nerima.body_text  # only in the linked PDF
    assert "発表資料" not in chofu.body_text  # no link, nothing followed


def test_tokyo_award_reports_an_unreadable_presentation_but_keeps_the_winner(saved_page):
    def fetch(url: str):
        if "documents" in url:
            raise IngestError("ページが見つかりません (HTTP 404)")
        return saved_page(url)

    harvest = SOURCES["tokyo_dx_award"].collect(fetch)
    assert len(harvest.leads) == 3
    assert len(harvest.errors) == 1 and "HTTP 404" in harvest.errors[0][1]


def test_tokyo_award_page_without_winners_is_an_error(saved_page):
    with pytest.raises(IngestError, match="受賞取組が見つかりません"):
        parse(saved_page("https://www.city.nogata.fukuoka.jp/shisei/_1183/_9170.html"))


def test_tokyo_award_winner_without_a_category_and_without_a_known_body():
    page = read_bytes(FICTIONAL_AWARD.encode(), "text/html", "award.html", None, limits=LIMITS)
    leads = parse(page).leads
    assert [lead.title for lead in leads] == ["架空の取組その1", "架空の取組その2"]
    assert "サンプル大賞(サンプル部門)を受賞" in (leads[0].intro or "")
    assert "スプリント賞を受賞" in (leads[1].intro or "") and "部門" not in (leads[1].intro or "")
    assert all(lead.bodies == () for lead in leads)  # nobody in the registry: left to the curator


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("武蔵村山市", "東京都武蔵村山市"),
        ("東京都職員有志", "東京都"),
        ("府中市", "東京都府中市"),
        ("個人", None),
    ],
)
def test_tokyo_body_name(who, name):
    assert body_name(who) == name


def test_dxship_lists_the_prefecture_then_its_participants(saved_page):
    page = saved_page("https://www.pref.hiroshima.lg.jp/site/dxship/index.html")
    assert members(page.main) == ["呉市", "三原市", "江田島市"]
    lead = SOURCES["dxship_hiroshima"].collect(saved_page).leads[0]
    assert lead.bodies == ("広島県", "広島県呉市", "広島県三原市", "広島県江田島市")
    assert lead.themes == ("jinzai",)


def test_masuda_keeps_only_the_digital_paragraphs(saved_page):
    lead = SOURCES["masuda"].collect(saved_page).leads[0]
    assert "キオスク端末" in lead.body_text and "LINE公式アカウント" in lead.body_text
    assert "この節の本文" not in lead.body_text and "所信の一端" not in lead.body_text


def test_nogata_is_one_lead_about_the_city(saved_page):
    (lead,) = SOURCES["nogata"].collect(saved_page).leads
    assert lead.bodies == ("福岡県直方市",) and "住基ポイント" in lead.page.text


def test_failure_lessons_keep_only_what_did_not_work(saved_page):
    fetched: list[str] = []

    def fetch(url: str):
        fetched.append(url)
        return saved_page(url)

    (rpa,) = SOURCES["failure_lessons"].collect(fetch).leads  # the PDF minutes' one failure
    assert "導入を見送った" in rpa.body_text and "音声認識" not in rpa.body_text  # a suggestion is no failure
    assert rpa.outcome == Outcome.failure and rpa.anonymous_ok and "令和4年5月11日" in (rpa.intro or "")
    # The remark states no lesson of its own, so the curator is asked to write one from it.
    assert rpa.lessons == [f"(教訓を出典から書き起こしてください){sentences(rpa.body_text)[1]}"]
    assert rpa.lessons[0].endswith("期待した効果が出なかった例がある。")
    assert fetched[1:] == [  # both 議事概要 links, the PDF and the Shift_JIS HTML (which has no failures)
        "https://www.soumu.go.jp/main_content/000815071.pdf",
        "https://www.soumu.go.jp/main_sosiki/kenkyu/jichitai_dx/02gyosei07_04000290.html",
    ]


def test_failure_remarks_of_html_minutes_with_their_lessons():
    page = read_bytes(FICTIONAL_MINUTES.encode("cp932"), "text/html", "minutes.html", None, limits=LIMITS)
    (lead,) = failure_leads(page)  # the wish for more examples is no failure
    assert "利用が伸びなかった" in lead.body_text and "令和4年3月2日" in (lead.intro or "")
    assert lead.lessons == ["手続の入口から出口までを通して見直すべきである。"]


def test_collect_each_reports_a_page_it_cannot_read_and_keeps_the_others(saved_page):
    missing = "https://www.city.nogata.fukuoka.jp/no-such-page.html"
    harvest = collect_each(saved_page, [missing, nogata.URLS[0]], nogata.parse)
    assert [url for url, _ in harvest.errors] == [missing] and "キャッシュにありません" in harvest.errors[0][
        1
    ]
    assert [lead.key for lead in harvest.leads] == [nogata.URLS[0]]
