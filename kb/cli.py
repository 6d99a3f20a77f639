"""`kb`: the command line (docs/interfaces.md §5), a thin shell over the library.

Each command parses its options, makes one library call and formats the result. Domain errors become exit
codes here and only here. Heavy modules (torch, faiss, the web app) are imported inside the commands that
need them, so `kb validate` and `kb --help` start fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from kb.cli_filters import with_filters
from kb.errors import CaseInvalid, InvalidParameter, KBError
from kb.settings import Settings
from kb.usage import Command, Group, run_command_line

app = typer.Typer(
    cls=Group,
    help="自治体DX事例ナレッジベース: 事例の検証・索引作成・検索・Web画面・取り込み。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")
CorpusOpt = Annotated[
    Path | None, typer.Option("--corpus", envvar="KB_CORPUS", help="コーパスのフォルダ (既定: ./corpus)")
]
IndexOpt = Annotated[
    Path | None, typer.Option("--index", envvar="KB_INDEX", help="索引のフォルダ (既定: ./index)")
]


def settings_from(corpus: Path | None, index: Path | None, **extra: object) -> Settings:
    overrides = {k: v for k, v in {"corpus": corpus, "index": index, **extra}.items() if v is not None}
    return Settings(**overrides)  # type: ignore[arg-type]


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return typer.Exit(code)


@app.command(cls=Command)
def validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="検証するファイルかフォルダ (既定: コーパス全体)")
    ] = None,
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
) -> None:
    """事例ファイルを検証し、問題を「ファイル:行: 項目: 内容」で全件表示する (問題があれば終了コード1)。"""
    from kb.corpus import validate_paths

    settings = settings_from(corpus, index)
    result = run(lambda: validate_paths(settings.corpus, paths))
    for problem in result.problems:
        typer.echo(str(problem))
    if not result.ok:
        raise fail(f"{len(result.problems)} 件の問題があります。")
    typer.echo(f"OK: {len(result.cases)} 件の事例に問題はありません。")


@app.command(cls=Command)
def stats(
    corpus: CorpusOpt = None, index: IndexOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """テーマ・地方・区分・人口帯・結果ごとの事例数を表示する。"""
    from kb.corpus import load_corpus
    from kb.stats import facet_counts, prefecture_count

    loaded = run(lambda: load_corpus(settings_from(corpus, index).corpus))
    counts = facet_counts(loaded.cases)
    if as_json:
        typer.echo(json.dumps({"cases": len(loaded.cases), **counts}, ensure_ascii=False, indent=2))
        return
    typer.echo(f"事例: {len(loaded.cases)} 件 / 都道府県: {prefecture_count(loaded.cases)}")
    for facet, values in counts.items():
        typer.echo(f"\n[{facet}]")
        for value, n in values.items():
            typer.echo(f"  {value:<16} {n:>4}")


@app.command(cls=Command)
def schema(corpus: CorpusOpt = None, index: IndexOpt = None) -> None:
    """事例ファイルの JSON Schema を corpus/schema.json に書き出す (エディタの補完・検査用)。"""
    from kb.corpus import write_schema

    target = run(lambda: write_schema(settings_from(corpus, index).corpus))
    typer.echo(f"書き出しました: {target}")


@app.command(cls=Command)
def build(corpus: CorpusOpt = None, index: IndexOpt = None) -> None:
    """コーパスから索引 (BM25 + 埋め込み/FAISS) を作る。変わった事例だけ埋め込み直す。"""
    from kb.search import build_index

    report = run(lambda: build_index(settings_from(corpus, index), progress=True))
    typer.echo(str(report))


@app.command(cls=Command)
@with_filters
def search(
    query: Annotated[str, typer.Argument(help="探したいこと (日本語)")],
    filters: object,
    like: Annotated[
        str | None, typer.Option(help="「うちと似た町」: 自治体名かコード (例: 島根県益田市)")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="docs/interfaces.md §5 の JSON で出力")] = False,
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
) -> None:
    """事例を検索する。フィルタは同じ種類どうし OR、異なる種類は AND。"""
    from kb.search import SearchQuery, open_index
    from kb.shapes import search_out

    settings = settings_from(corpus, index)
    request = SearchQuery(text=query, filters=filters, like=like, limit=limit)  # type: ignore[arg-type]
    result = run(lambda: open_index(settings).search(request))
    if as_json:
        typer.echo(search_out(result).model_dump_json(indent=2))
        return
    typer.echo(f"{'約' if result.total_is_estimate else ''}{result.total} 件 ({result.took_ms:.1f} ms)")
    if result.interpreted and result.interpreted.labels:
        typer.echo(
            f"解釈: {'・'.join(result.interpreted.labels)} を優先 (内容の語: {result.interpreted.text or 'なし'})"
        )
    if result.like:
        typer.echo(f"うちと似た町: {town_line(result.like)}")
    for i, hit in enumerate(result.hits, 1):
        c = hit.case
        who = "・".join(m.name for m in c.municipalities) or "(匿名)"
        typer.echo(f"{i:>2}. [{c.outcome.value}] {c.title} — {who} ({c.year}) score={hit.score:.3f}")
        if hit.like_reason:
            typer.echo(f"    似ている点: {hit.like_reason}")
        typer.echo(f"    {hit.snippet_text}")


def town_line(body: object) -> str:
    """「北海道倶知安町(町・人口 1.5万人・財政力指数 0.62)」 for the CLI."""
    from kb.towns import profile_line

    return profile_line(body)  # type: ignore[arg-type]


@app.command(cls=Command)
@with_filters
def export(
    ids: Annotated[list[str] | None, typer.Argument(help="事例ID (この順に書き出す)")] = None,
    filters: object = None,
    fmt: Annotated[str, typer.Option("--format", help="md・csv・xlsx・pptx・jsonl・html")] = "md",
    out: Annotated[
        Path | None, typer.Option(help="書き出すファイル (既定: 標準出力。xlsx・pptx は必須)")
    ] = None,
    query: Annotated[str | None, typer.Option(help="ID の代わりに、この検索の結果を書き出す")] = None,
    like: Annotated[str | None, typer.Option(help="--query とともに: 「うちと似た町」")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="--query の件数")] = 20,
    title: Annotated[str, typer.Option(help="資料の題名")] = "自治体DX事例 資料",
    notes: Annotated[str, typer.Option(help="資料の冒頭に載せるメモ")] = "",
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
) -> None:
    """事例を研修資料として書き出す (Markdown・CSV・Excel・PowerPoint・JSON Lines・印刷用HTML)。"""
    from kb.export import FORMATS, Collection
    from kb.export import export as render

    if fmt not in FORMATS:
        raise fail(f"--format に使えるのは {'・'.join(FORMATS)} です (「{fmt}」)。", 2)
    if (ids and query is not None) or not (ids or query is not None):
        raise fail("事例IDか --query のどちらか一方を指定してください。", 2)
    settings = settings_from(corpus, index)
    if query is not None:
        from kb.search import SearchQuery, open_index

        request = SearchQuery(text=query, filters=filters, like=like, limit=limit)  # type: ignore[arg-type]
        loaded_index = run(lambda: open_index(settings))
        cases = [hit.case for hit in run(lambda: loaded_index.search(request)).hits]
        labels = loaded_index.corpus.theme_labels()
    else:
        from kb.corpus import load_corpus

        loaded = run(lambda: load_corpus(settings.corpus))
        cases = run(lambda: [loaded.get(i) for i in dict.fromkeys(ids or [])])
        labels = loaded.theme_labels()
    if not cases:
        raise fail("書き出す事例がありません。")
    body = render(Collection(cases, labels, title=title, notes=notes, base_url=settings.site_url), fmt)
    if out is None and fmt in ("xlsx", "pptx"):
        raise fail(f"{fmt} は --out でファイルを指定してください。", 2)
    if out is None:
        sys.stdout.buffer.write(body)
        return
    from kb.atomic import atomic_write

    run(lambda: atomic_write(out, body))
    typer.echo(f"{len(cases)} 件を書き出しました: {out}", err=True)


@app.command(cls=Command)
def town(
    name: Annotated[str, typer.Argument(help="自治体名・かな・コード (例: 倶知安町、北海道倶知安町)")],
    as_json: Annotated[bool, typer.Option("--json", help="/api/towns/{code} と同じ JSON で出力")] = False,
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
) -> None:
    """自治体のプロフィール: 公的統計、その団体の事例、似た町とその事例 (テーマ別)。"""
    from kb.corpus import load_corpus
    from kb.towns import town_profile

    loaded = run(lambda: load_corpus(settings_from(corpus, index).corpus))
    body = run(lambda: loaded.registry.resolve(name))
    profile = town_profile(body, loaded)
    if as_json:
        typer.echo(profile.model_dump_json(indent=2))
        return
    mark = {"failure": "⚠失敗", "mixed": "⚠課題あり"}
    typer.echo(profile.line)
    stats = profile.town
    if stats.households is not None:
        typer.echo(f"  世帯数 {stats.households:,} / 人口増減(2021年) {stats.population_change:+,}人")
    typer.echo(f"  {profile.source}")
    typer.echo(f"\nこの団体の事例: {len(profile.cases)} 件")
    for c in profile.cases:
        typer.echo(f"  - {c.title} ({c.year}) {mark.get(c.outcome.value, '')}".rstrip())
    typer.echo("\n似た町 (事例あり):")
    for t in profile.similar:
        typer.echo(
            f"  - {t.town.name} — {t.reason or '似ている点は少ない(事例のある町の中では近い方)'} (事例 {len(t.cases)} 件)"
        )
    typer.echo("\n似た町がしたこと (テーマ別):")
    for group in profile.like_them:
        typer.echo(f"  [{group.label}]")
        for c in group.cases:
            typer.echo(
                f"    - {c.municipality}: {c.title} ({c.year}) {mark.get(c.outcome.value, '')}".rstrip()
            )


@app.command(cls=Command)
def serve(
    host: Annotated[str | None, typer.Option(help="待ち受けアドレス")] = None,
    port: Annotated[int | None, typer.Option(help="ポート")] = None,
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
) -> None:
    """Web画面と JSON API を起動する。"""
    from web.app import create_app
    from web.server import run as run_server

    settings = settings_from(corpus, index, host=host, port=port)
    web_app = run(lambda: create_app(settings))
    run_server(web_app, settings)


@app.command(cls=Command)
def ingest(
    sources: Annotated[
        list[str] | None, typer.Argument(help="名前付きソース、URL、または .html/.htm/.pdf/.txt")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="下書きの出力先 (既定: corpus/drafts)")] = None,
    offline: Annotated[bool, typer.Option(help="キャッシュだけを使い、ネットワークに接続しない")] = False,
    force: Annotated[bool, typer.Option(help="既存の下書きを上書きする")] = False,
    allow_private: Annotated[
        bool,
        typer.Option(
            help="ループバック・リンクローカル・プライベートのアドレスにも接続する (社内サーバー用)"
        ),
    ] = False,
    list_sources: Annotated[bool, typer.Option("--list", help="名前付きソースの一覧")] = False,
    year: Annotated[
        list[int] | None,
        typer.Option(help="名前付きソースをこの年のページに絞る (複数指定可、既定: 一覧にあるすべての年)"),
    ] = None,
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
) -> None:
    """Webページ・PDF・テキストから事例の下書きを作る (corpus/cases には書かない)。"""
    from kb.ingest import ingest_all, named_sources

    if list_sources:
        for name, description in named_sources().items():
            typer.echo(f"{name:<16} {description}")
        return
    if not sources:
        raise fail("取り込むソースを指定してください (一覧は kb ingest --list)。", 2)
    settings = settings_from(corpus, index)
    report = ingest_all(
        sources,
        settings,
        out=out,
        offline=offline,
        force=force,
        allow_private=allow_private,
        years=year or (),
    )
    for line in report.lines():
        typer.echo(line)
    if report.failed:
        raise typer.Exit(1)


@app.command(cls=Command)
def promote(
    draft: Annotated[Path, typer.Argument(help="仕上げた下書き (corpus/drafts/<id>.yaml)")],
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
) -> None:
    """仕上げた下書きを事例にする: kb validate と同じ検査と写しの検査に通れば、draft と provenance を除いて
    corpus/cases/<id>.yaml に書く (既存のファイルは上書きしない)。"""
    from kb.ingest.promote import PromotionRefused
    from kb.ingest.promote import promote as make_case

    settings = settings_from(corpus, index)

    def attempt() -> Path | PromotionRefused:
        try:
            return make_case(draft, settings)
        except PromotionRefused as refused:
            return refused

    outcome = run(attempt)
    if isinstance(outcome, PromotionRefused):
        for line in outcome.lines():
            typer.echo(line)
        raise fail(f"{draft} はまだ事例にできません (上の {len(outcome.lines())} 件を直してください)。")
    typer.echo(f"事例にしました: {outcome}")


@app.command(name="check-copy", cls=Command)
def check_copy(
    cases: Annotated[list[Path], typer.Argument(help="事例 (または下書き) のファイル")],
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
) -> None:
    """事例の summary・lessons が出典 (取り込みのキャッシュにあるもの) と15文字以上同じでないかを調べる。"""
    from kb.ingest.copycheck import check_files

    results = check_files(cases, settings_from(corpus, index).cache)
    for result in results:
        for line in result.lines():
            typer.echo(line)
    found = sum(len(r.copied) + len(r.problems) for r in results)
    checked = sum(bool(r.checked) for r in results)
    if found:
        raise fail(f"{found} か所に問題があります (写しは自分の言葉で書き直してください)。")
    typer.echo(
        f"OK: 出典と比べられた {checked} 件に写しはありません ({len(cases) - checked} 件は出典がキャッシュになく未確認)。"
    )


@app.command(name="eval", cls=Command)
def evaluate(
    queries: Annotated[Path, typer.Option(help="判定付きクエリ集")] = Path("tests/eval/queries.yaml"),
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
) -> None:
    """判定付きクエリ集で検索品質 (nDCG@10, Recall@5, MRR) を測る: 語彙のみ・ベクトルのみ・ハイブリッド。"""
    from kb.search.evaluate import format_table, run_eval

    table = run(lambda: run_eval(settings_from(corpus, index), queries))
    typer.echo(format_table(table))


def run(call: Callable[[], T]) -> T:
    """Run a library call; turn domain errors into a readable message and exit code 1."""
    try:
        return call()
    except CaseInvalid as e:
        for problem in e.problems:
            typer.echo(str(problem), err=True)
        raise fail(
            f"コーパスに {len(e.problems)} 件の問題があります。`kb validate` で確認してください。"
        ) from None
    except InvalidParameter as e:
        raise fail(f"--{e.param.replace('_', '-')}: {e.message}") from None
    except KBError as e:
        raise fail(str(e)) from None


def main(args: list[str] | None = None) -> int:
    """The `kb` console script: `app`, with Typer's own usage errors and help labels in Japanese."""
    return run_command_line(app, args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
