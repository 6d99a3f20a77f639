"""The text of the saved PDFs in tests/data/pages/, so what they say can be reviewed here and not only in binary.

Each PDF restates a curated case (named next to it) and nothing more. After editing, rewrite the files with
`.venv/bin/python -m tests.ingest.fixture_pdfs`; test_fixture_pdfs.py checks that the saved bytes match.
"""

from __future__ import annotations

from pathlib import Path

from .pdfmaker import make_pdf

PAGES = Path(__file__).parent.parent / "data" / "pages"

# Path under tests/data/pages → (pages of lines, document title).
FIXTURE_PDFS: dict[str, tuple[list[list[str]], str | None]] = {
    # A neutral stand-in for 練馬区's presentation: the initiative's title only, no figures
    # (corpus/cases/nerima-choshu-shien-system.yaml: the award is all the sources state).
    "www.digitalservice.metro.tokyo.lg.jp/documents/d/digitalservice/dxaward2024-nerima/content.pdf": (
        [["徴税吏員支援のシステム構築", "発表資料(テスト用の要約)"]],
        None,
    ),
    # The two remarks of the 第10回 meeting as corpus/cases/anonymous-rpa-small-town.yaml restates them.
    "www.soumu.go.jp/main_content/000815071.pdf/content.pdf": (
        [
            [
                "地方自治体のデジタルトランスフォーメーション推進に係る検討会(第10回)議事概要",
                "(テスト用に構成した資料: 整理済みの事例 anonymous-rpa-small-town の言い換えで、ほかは省略)",
                "1 日時 令和4年5月11日(水)",
                "2 主な意見",
                "○ 小規模な団体はそもそも事務量が少なく、RPAの費用対効果を検討した結果、導入を見送った例や、",
                "導入しても期待した効果が出なかった例がある。",
            ],
            [
                "○ RPAは一区切りの段階にあり、事例集には音声認識など進歩の速いAIの事例を反映すべきである。",
                "(以上)",
            ],
        ],
        "第10回 議事概要",
    ),
}


def expected_bytes(relative: str) -> bytes:
    pages, title = FIXTURE_PDFS[relative]
    return make_pdf(pages, title=title)


def main() -> None:
    for relative in FIXTURE_PDFS:
        (PAGES / relative).write_bytes(expected_bytes(relative))
        print(f"書き出しました: {relative}")


if __name__ == "__main__":
    main()
