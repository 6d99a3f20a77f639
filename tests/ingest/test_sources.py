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


def test_dxship_has_one_page_and_no_list_to_follow(saved_page):
    fetch, fetched = recording(saved_page)
    SOURCES["dxship_hiroshima"].collect(fetch)
    assert fetched == ["https://www.pref.hiroshima.lg.jp/site/dxship/index.html"]


def test_every_source_is_listed_with_a_japanese_description():
    listed = named_sources()
    assert set(listed) == {"tokyo_dx_award", "dxship_hiroshima", "nogata", "masuda", "failure_lessons"}
    assert all(description and not description.isascii() for description in listed.values())


@pytest.mark.parametrize("name", list(SOURCES))
def test_every_source_reads_its_saved_pages_without_errors(name, saved_page):
    harvest = SOURCES[name].collect(saved_page)
    assert harvest.errors == []
    assert harvest.leads


AWARD = "https://www.digitalservice.metro.tokyo.lg.jp/business/kushichoson-dx/dxaward"
MASUDA = "https://www.city.masuda.lg.jp/soshikikarasagasu/seisakukikakukyoku/seisakukikakuka/3/shiseihousin/"


def recording(saved_page):
    """The saved-page reader, remembering every URL asked for."""
    fetched: list[str] = []

    def fetch(url: str):
        fetched.append(url)
        return saved_page(url)

    return fetch, fetched


def test_tokyo_award_discovers_every_years_page_from_the_index(saved_page):
    fetch, fetched = recording(saved_page)
    harvest = SOURCES["tokyo_dx_award"].collect(fetch)
    assert harvest.errors == []
    years = [f"{AWARD}/{year}" for year in (2023, 2024, 2025)]
    assert [url for url in fetched if url.startswith(AWARD) and "documents" not in url] == [AWARD, *years]
    per_year = [lead.key.split("#")[0] for lead in harvest.leads]
    assert per_year == [years[0]] * 4 + [years[1]] * 3 + [years[2]]  # oldest year first
    assert [lead.bodies[0] for lead in harvest.leads[:4]] == [
        "東京都町田市",
        "東京都板橋区",
        "東京都墨田区",
        "東京都青梅市",
    ]
    assert "特別賞(DXスプリント賞)を受賞" in (harvest.leads[3].intro or "")


def test_tokyo_award_years_can_be_picked(saved_page):
    fetch, fetched = recording(saved_page)
    harvest = SOURCES["tokyo_dx_award"].collect(fetch, frozenset({2025}))
    assert [lead.bodies for lead in harvest.leads] == [("東京都大田区",)]
    assert f"{AWARD}/2023" not in fetched and f"{AWARD}/2024" not in fetched


def test_tokyo_award_year_page_dates_its_winners(saved_page):
    """A year's page without a date of its own is dated by its year (the award year dates its winners)."""
    (ota,) = parse(saved_page(f"{AWARD}/2025")).leads
    assert ota.page.published is not None and ota.page.published.date.year == 2025


def test_an_index_without_year_links_is_an_error(saved_page):
    def fetch(url: str):
        page = saved_page(url)
        if url == AWARD:
            page.links = [link for link in page.links if "/dxaward/" not in link.url]
        return page

    harvest = SOURCES["tokyo_dx_award"].collect(fetch)
    assert harvest.leads == [] and "年ごとの受賞ページへのリンクが見つかりません" in harvest.errors[0][1]


def test_masuda_reads_every_years_policy_speech(saved_page):
    fetch, fetched = recording(saved_page)
    harvest = SOURCES["masuda"].collect(fetch)
    assert fetched == [MASUDA, f"{MASUDA}8123.html", f"{MASUDA}9373.html"]  # 令和5年度, then 令和6年度
    # 令和5年度's saved page says nothing about counters: no draft, and no error either
    assert [lead.key for lead in harvest.leads] == [f"{MASUDA}9373.html"] and harvest.errors == []


def test_masuda_without_any_digital_paragraph_is_an_error(saved_page):
    harvest = SOURCES["masuda"].collect(saved_page, frozenset({2023}))
    assert harvest.leads == [] and "どの年度の施政方針にも" in harvest.errors[0][1]


def test_nogata_follows_its_list_page_to_the_gis_pages_only(saved_page):
    fetch, fetched = recording(saved_page)
    (lead,) = SOURCES["nogata"].collect(fetch).leads
    assert fetched == ["https://www.city.nogata.fukuoka.jp/shisei/_1183/", nogata.URLS[0] + "_9170.html"]
    assert lead.key.endswith("_9170.html")  # not the open-data page the list also links


def test_tokyo_award_one_lead_per_winner(saved_page):
    harvest = parse(saved_page(f"{AWARD}/2024"))
    winners = [(lead.bodies, lead.title) for lead in harvest.leads]
    assert [b for b, _ in winners] == [("東京都調布市",), ("東京都練馬区",), ("東京都町田市",)]
    assert winners[0][1] == "産学官連携によるごみ分別支援AI「調布ごみナビ」の試験運用"
    first, _, machida = harvest.leads
    assert "区市町村DX賞(大賞)(行政サービス部門)" in (first.intro or "")
    assert "区市町村DX賞(優秀賞)(行政サービス部門)" in (machida.intro or "")
    assert len({lead.key for lead in harvest.leads}) == 3  # each winner has its own provenance


def test_tokyo_award_follows_the_winner_link_to_its_presentation(saved_page):
    chofu, nerima, _ = parse(saved_page(f"{AWARD}/2024"), saved_page).leads
    assert "発表資料(テスト用の要約)" in nerima.body_text  # only in the linked PDF
    assert "発表資料" not in chofu.body_text  # no link, nothing followed


def test_tokyo_award_reports_an_unreadable_presentation_but_keeps_the_winner(saved_page):
    def fetch(url: str):
        if "documents" in url:
            raise IngestError("ページが見つかりません (HTTP 404)")
        return saved_page(url)

    harvest = SOURCES["tokyo_dx_award"].collect(fetch)
    assert len(harvest.leads) == 8  # every winner of every year
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
    fetch, fetched = recording(saved_page)
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
    page = nogata.URLS[0] + "_9170.html"
    harvest = collect_each(saved_page, [missing, page], nogata.parse)
    assert [url for url, _ in harvest.errors] == [missing] and "キャッシュにありません" in harvest.errors[0][
        1
    ]
    assert [lead.key for lead in harvest.leads] == [page]
