"""Converter: the 総務省 workbooks → `kb/data/municipal_stats.csv` and its column sources (`make stats`).

    python -m kb.townstats_import ../shared/data

Reads the 住民基本台帳 population workbook (2022-01-01; every prefecture and 市区町村, and the wards of 政令市,
which are not bodies of the registry and are skipped) and the 主要財政指標 of FY2021 (every 市区町村 incl. 特別区,
keyed by code; every prefecture, keyed by name). openpyxl is a dev dependency: only this converter needs it.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from kb.atomic import atomic_write
from kb.municipalities import Municipality, load_registry
from kb.townstats import COLUMNS, DATA_CSV, DATA_META

JUKI = "juki-jinko-2022-01-01.xlsx"
ZAISEI_CITIES = "zaisei-shihyo-shichoson-r3.xlsx"
ZAISEI_PREFECTURES = "zaisei-shihyo-todofuken-r3.xlsx"
META: dict[str, Any] = {
    "credit": (
        "出典: 総務省「住民基本台帳に基づく人口、人口動態及び世帯数」(令和4年1月1日)、"
        "総務省「地方公共団体の主要財政指標一覧」(令和3年度)"
    ),
    "licence": "政府標準利用規約(第2.0版)、CC BY 4.0 互換 (https://www.soumu.go.jp/menu_kyotsuu/policy/tyosaku.html)",
    "columns": {
        "population": {
            "source": "総務省「住民基本台帳に基づく人口、人口動態及び世帯数」",
            "as_of": "2022-01-01",
            "url": "https://www.soumu.go.jp/main_sosiki/jichi_gyousei/daityo/gaiyou.html",
        },
        "households": {
            "source": "総務省「住民基本台帳に基づく人口、人口動態及び世帯数」",
            "as_of": "2022-01-01",
            "url": "https://www.soumu.go.jp/main_sosiki/jichi_gyousei/daityo/gaiyou.html",
        },
        "population_change": {
            "source": "総務省「住民基本台帳に基づく人口、人口動態及び世帯数」(人口動態、増減数)",
            "as_of": "2021-01-01/2021-12-31",
            "url": "https://www.soumu.go.jp/main_sosiki/jichi_gyousei/daityo/gaiyou.html",
        },
        "population_change_rate": {
            "source": "総務省「住民基本台帳に基づく人口、人口動態及び世帯数」(人口動態、増減率 %)",
            "as_of": "2021-01-01/2021-12-31",
            "url": "https://www.soumu.go.jp/main_sosiki/jichi_gyousei/daityo/gaiyou.html",
        },
        "fiscal_strength": {
            "source": "総務省「地方公共団体の主要財政指標一覧」財政力指数",
            "as_of": "FY2021",
            "url": "https://www.soumu.go.jp/iken/shihyo_ichiran.html",
        },
        "current_balance_ratio": {
            "source": "総務省「地方公共団体の主要財政指標一覧」経常収支比率 (%)",
            "as_of": "FY2021",
            "url": "https://www.soumu.go.jp/iken/shihyo_ichiran.html",
        },
    },
}


def _rows(path: Path) -> Iterator[tuple[Any, ...]]:
    import openpyxl  # a dev dependency: the converter is the only reader of the workbooks

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


def _number(value: Any) -> float | None:
    """A cell as a number; 「-」 and blanks (no figure) are None."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def population_rows(path: Path) -> dict[str, dict[str, Any]]:
    """code → population, households and the change of 2021, for every row keyed by a 6-digit code."""
    out = {}
    for row in _rows(path):
        code = str(row[0] or "")
        if not (code.isdigit() and len(code) == 6):
            continue
        total, households, change, rate = (_number(row[i]) for i in (5, 6, 19, 20))
        out[code] = {
            "population": int(total) if total is not None else None,
            "households": int(households) if households is not None else None,
            "population_change": int(change) if change is not None else None,
            "population_change_rate": round(rate, 3) if rate is not None else None,
        }
    return out


def finance_rows(
    cities: Path, prefectures: Path
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(code → figures of 市区町村, prefecture name → figures of prefectures)."""
    by_code, by_name = {}, {}
    for row in _rows(cities):
        code = str(row[0] or "")
        if code.isdigit() and len(code) == 6:
            by_code[code] = {"fiscal_strength": _number(row[3]), "current_balance_ratio": _number(row[4])}
    for row in _rows(prefectures):
        name = str(row[0] or "")
        if name.endswith(("都", "道", "府", "県")) and _number(row[1]) is not None:
            by_name[name] = {"fiscal_strength": _number(row[1]), "current_balance_ratio": _number(row[2])}
    return by_code, by_name


def convert(data_dir: Path) -> list[dict[str, Any]]:
    """One row per registry body, in code order; a figure the workbooks lack stays empty."""
    people = population_rows(data_dir / JUKI)
    finance, prefecture_finance = finance_rows(data_dir / ZAISEI_CITIES, data_dir / ZAISEI_PREFECTURES)
    bodies: list[Municipality] = sorted(load_registry(), key=lambda b: b.code)
    rows = []
    for body in bodies:
        figures = (
            prefecture_finance.get(body.name, {})
            if body.level == "prefecture"
            else finance.get(body.code, {})
        )
        fiscal = figures.get("fiscal_strength")
        rows.append(
            {
                "code": body.code,
                "name": body.name,
                **people.get(body.code, dict.fromkeys(COLUMNS[2:6])),
                "fiscal_strength": round(fiscal, 3) if fiscal is not None else None,
                "current_balance_ratio": figures.get("current_balance_ratio"),
            }
        )
    return rows


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return buffer.getvalue().encode("utf-8")


def write(data_dir: Path, package_dir: Path) -> tuple[Path, int]:
    rows = convert(data_dir)
    target = package_dir / DATA_CSV
    atomic_write(target, to_csv(rows))
    header = "# Written by `python -m kb.townstats_import`; the credit must be shown with every figure.\n"
    meta = header + yaml.safe_dump(META, allow_unicode=True, sort_keys=False)
    atomic_write(package_dir / DATA_META, meta.encode("utf-8"))
    return target, len(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("使い方: python -m kb.townstats_import <総務省のワークブックのフォルダ>", file=sys.stderr)
        return 2
    target, count = write(Path(argv[0]), Path(__file__).parent)
    print(f"{count} 団体の数値を書き出しました: {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
