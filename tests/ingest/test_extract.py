"""Main text, encodings, PDFs and unreadable inputs."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from kb.errors import IngestError
from kb.ingest.decode import decode
from kb.ingest.extract import read_bytes, read_file, split_title
from kb.ingest.limits import LIMITS, LimitExceeded

from .conftest import LOCAL
from .pdfmaker import make_pdf

NOGATA = "https://www.city.nogata.fukuoka.jp/shisei/_1183/_9170.html"


def test_shift_jis_page_is_decoded_from_its_meta_charset(saved_page):
    page = saved_page(NOGATA)  # served as text/html without a charset; the page says Shift_JIS
    assert page.title == "住基ポイントデータを活用した全庁型GIS"
    assert page.site == "直方市"
    assert "平成26年度から運用しています" in page.text  # full-width digits normalised


def test_main_text_leaves_out_menus_breadcrumbs_and_footer(saved_page):
    page = saved_page(NOGATA)
    assert "住基ポイント" in page.text
    for furniture in ("くらし・手続き", "トップページ", "サイトポリシー", "Copyright", "オープンデータ"):
        assert furniture not in page.text, furniture


def test_main_text_of_a_cms_page_with_tmp_contents(saved_page):
    page = saved_page(
        "https://www.city.masuda.lg.jp/soshikikarasagasu/seisakukikakukyoku/seisakukikakuka/3/shiseihousin/9373.html"
    )
    assert page.title == "令和6年度施政方針" and page.site == "益田市ホームページ"
    assert "郵便局型キオスク端末" in page.text
    assert "文字サイズ" not in page.text and "令和5年度施政方針" not in page.text


def test_euc_jp_file():
    page = read_file(LOCAL / "taketomi-line-shinsei.html", limits=LIMITS)
    assert page.title == "住民票や税証明をオンライン申請できるようになりました"
    assert "令和5年8月から" in page.text and "観光" not in page.text  # full-width digits normalised


def test_wrong_http_charset_falls_back_to_what_decodes():
    raw = "<html><body><p>宇和島市の書かない窓口について説明します。</p></body></html>".encode("cp932")
    assert "書かない窓口" in decode(raw, declared="utf-8")
    assert "書かない窓口" in decode(raw, declared="iso-8859-1")


def test_undeclared_euc_jp_is_detected():
    raw = ("竹富町では令和5年8月から、LINEで住民票や税証明を申請できます。" * 3).encode("euc_jp")
    assert "住民票や税証明" in decode(raw, html=False)


def test_pdf_text_with_wrapped_lines_joined():
    raw = make_pdf(
        [
            [
                "宇和島市の窓口改革",
                "宇和島市は2022年3月の新庁舎開庁に合わせて、転入や転出などの手続が集まる",
                "市民課で書かない窓口を始めた。",
            ]
        ],
        title="窓口改革の報告",
    )
    page = read_bytes(raw, "application/pdf", "report.pdf", None, limits=LIMITS)
    assert page.kind == "pdf" and page.title == "窓口改革の報告"
    assert "手続が集まる市民課で書かない窓口を始めた。" in page.text
    assert page.lines[0] == "宇和島市の窓口改革"  # a short heading is not joined to the next line


def test_pdf_file_on_disk(tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(make_pdf([["直方市の住基ポイント", "平成26年度から運用している。"]]))
    assert "平成26年度" in read_file(path, limits=LIMITS).text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "空のファイル"),
        (b"   \n", "空のファイル"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "バイナリ"),
        (b"%PDF-1.4\nthis is not really a pdf", "PDFを読めません"),
        (make_pdf([[]]), "PDFから文字を取り出せません"),
    ],
)
def test_unreadable_inputs_are_one_line_errors(raw, message):
    with pytest.raises(IngestError, match=message) as info:
        read_bytes(raw, "application/octet-stream", "x", None, limits=LIMITS)
    assert "\n" not in str(info.value)


def test_text_file():
    page = read_file(LOCAL / "uwajima-report.txt", limits=LIMITS)
    assert page.kind == "txt" and "愛媛県宇和島市" in page.text


def test_unsupported_or_missing_files(tmp_path):
    with pytest.raises(IngestError, match="ファイルがありません"):
        read_file(tmp_path / "missing.html", limits=LIMITS)
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(IngestError, match="対応していない"):
        read_file(tmp_path / "sheet.xlsx", limits=LIMITS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("令和6年度施政方針 - 益田市ホームページ", ("令和6年度施政方針", "益田市ホームページ")),
        ("住基ポイント／直方市", ("住基ポイント", "直方市")),
        ("総務省｜地方自治体のDX推進に係る検討会", ("地方自治体のDX推進に係る検討会", "総務省")),
        ("タイトルだけ", ("タイトルだけ", None)),
    ],
)
def test_split_title(raw, expected):
    assert split_title(raw) == expected


def test_pypdf_repairs_stay_off_the_terminal(caplog):
    """A sloppy PDF that pypdf can repair reads fine; its repair notes must not land between report lines."""
    raw = make_pdf([["直方市の住基ポイントデータを運用している。"]]).replace(b"startxref\n", b"startxref\n9")
    caplog.set_level(logging.WARNING)
    page = read_bytes(raw, "application/pdf", "report.pdf", None, limits=LIMITS)
    assert page.text.startswith("直方市")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == []


# Hostile HTML: one pass over the tree, a depth and an element limit, each breach a line naming the limit.


def nested(levels: int, tag: str = "div") -> bytes:
    text = "<p>島根県益田市は書かない窓口を始めた。</p>"
    return f"<html><body>{f'<{tag}>' * levels}{text}{f'</{tag}>' * levels}</body></html>".encode()


def test_deeply_nested_html_stops_at_the_depth_limit():
    """100,000 levels (1.1 MB): refused while parsing, before the rest of the tree is built. Reading each
    block's text per level made 10,000 levels take about a minute and 100,000 never finish."""
    with pytest.raises(LimitExceeded, match=r"HTMLの入れ子が深すぎます\(上限 1,000 段\)") as info:
        read_bytes(nested(100_000), "text/html", "deep.html", None, limits=LIMITS)
    assert info.value.limit == "max_html_depth"


@pytest.mark.parametrize("tag", ["div", "section", "a"])
def test_nesting_within_a_raised_limit_is_read_in_one_pass(tag):
    """10,000 levels once took about a minute (each candidate block's text read again per level)."""
    deep = dataclasses.replace(LIMITS, max_html_depth=20_000)
    page = read_bytes(nested(10_000, tag), "text/html", "deep.html", None, limits=deep)
    assert page.text == "島根県益田市は書かない窓口を始めた。"


def test_a_flat_page_of_many_blocks_is_read_in_one_pass():
    """20,000 paragraphs side by side: inserting a line break after each once looked up its index each time."""
    body = "".join(f"<p>第{n}段落。</p>" for n in range(20_000))
    page = read_bytes(
        f"<html><body>{body}</body></html>".encode(), "text/html", "flat.html", None, limits=LIMITS
    )
    assert len(page.lines) == 20_000 and page.lines[-1] == "第19999段落。"


def test_too_many_elements_is_refused():
    small = dataclasses.replace(LIMITS, max_html_elements=1_000)
    body = "<p>益田市</p>" * 1_000
    with pytest.raises(LimitExceeded, match=r"HTMLの要素が多すぎます\(上限 1,000 個\)") as info:
        read_bytes(f"<html><body>{body}</body></html>".encode(), "text/html", "x.html", None, limits=small)
    assert info.value.limit == "max_html_elements"


def test_text_and_links_keep_their_breaks_and_innermost_anchor():
    raw = (
        "<html><body><div><p>a<br>b</p><table><tr><td>x</td><th>y</th></tr></table>"
        "<a href='/out'>外<a href='/in'>内</a></a><ruby>漢<rt>かん</rt></ruby><!-- 注 --></div></body></html>"
    ).encode()
    page = read_bytes(raw, "text/html", "x.html", "https://www.city.example.lg.jp/p.html", limits=LIMITS)
    assert page.lines == ["a", "b", "x y", "外内漢"]  # ruby readings and comments are not text
    assert [(link.text, link.url) for link in page.links] == [
        ("外", "https://www.city.example.lg.jp/out"),
        ("内", "https://www.city.example.lg.jp/in"),
    ]


def test_credentials_in_a_pages_own_links_are_dropped():
    raw = (
        "<html><head><link rel=canonical href='https://u:pw@www.city.example.lg.jp/p.html'></head>"
        "<body><main><p>益田市の窓口。</p><a href='https://x:pw@www.city.example.lg.jp/q.pdf'>資料</a>"
        "<a href='http://[::1'>壊れたリンク</a></main></body></html>"
    ).encode()
    page = read_bytes(raw, "text/html", "saved.html", None, limits=LIMITS)
    assert page.url == "https://www.city.example.lg.jp/p.html"
    assert [link.url for link in page.links] == ["https://www.city.example.lg.jp/q.pdf"]


def test_a_file_past_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("益田市" * 1000, encoding="utf-8")
    with pytest.raises(LimitExceeded, match="ファイルが大きすぎます") as info:
        read_file(path, limits=dataclasses.replace(LIMITS, max_bytes=1000))
    assert info.value.limit == "max_bytes"
