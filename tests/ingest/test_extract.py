"""Main text, encodings, PDFs and unreadable inputs."""

from __future__ import annotations

import logging

import pytest

from kb.errors import IngestError
from kb.ingest.decode import decode
from kb.ingest.extract import read_bytes, read_file, split_title

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
    page = read_file(LOCAL / "taketomi-line-shinsei.html")
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
    page = read_bytes(raw, "application/pdf", "report.pdf", None)
    assert page.kind == "pdf" and page.title == "窓口改革の報告"
    assert "手続が集まる市民課で書かない窓口を始めた。" in page.text
    assert page.lines[0] == "宇和島市の窓口改革"  # a short heading is not joined to the next line


def test_pdf_file_on_disk(tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(make_pdf([["直方市の住基ポイント", "平成26年度から運用している。"]]))
    assert "平成26年度" in read_file(path).text


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
        read_bytes(raw, "application/octet-stream", "x", None)
    assert "\n" not in str(info.value)


def test_text_file():
    page = read_file(LOCAL / "uwajima-report.txt")
    assert page.kind == "txt" and "愛媛県宇和島市" in page.text


def test_unsupported_or_missing_files(tmp_path):
    with pytest.raises(IngestError, match="ファイルがありません"):
        read_file(tmp_path / "missing.html")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(IngestError, match="対応していない"):
        read_file(tmp_path / "sheet.xlsx")


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
    page = read_bytes(raw, "application/pdf", "report.pdf", None)
    assert page.text.startswith("直方市")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == []
