"""The command line's own words in Japanese: usage errors (a bad option value, a missing argument, an unknown
option or command) and the help screen's fixed labels, which Typer and its bundled Click write in English.

`Group` and `Command` give every `--help` option a Japanese description; `usage_message` turns Click's usage
errors into one Japanese line naming the option; `run_command_line` (the `kb` console script) shows them and
relabels the help screen's panels.
"""

from __future__ import annotations

import re

import typer
from pydantic import ValidationError
from typer._click.core import Context  # Typer (0.29 here) bundles its own Click as `typer._click`
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup, TyperOption

from kb.errors import pydantic_message

HELP_TEXT = "この説明を表示して終了する。"
LABELS = {  # Typer's help-screen labels (module constants it reads at render time)
    "ARGUMENTS_PANEL_TITLE": "引数",
    "OPTIONS_PANEL_TITLE": "オプション",
    "COMMANDS_PANEL_TITLE": "コマンド",
    "DEFAULT_STRING": "[既定: {}]",
    "ENVVAR_STRING": "[環境変数: {}]",
    "REQUIRED_LONG_STRING": "[必須]",
}
PLAIN = [  # Click's usage errors that carry no structured detail, only an English sentence
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<x>.*)\)"), "余分な引数があります: {x}"),
    (
        re.compile(r"No such command '(?P<x>.*)'\. Did you mean '(?P<y>.*)'\?"),
        "「{x}」というコマンドはありません(「{y}」ですか?)",
    ),
    (re.compile(r"No such command '(?P<x>.*)'\."), "「{x}」というコマンドはありません"),
    (re.compile(r"Missing command\."), "コマンドを指定してください"),
]


class _JapaneseHelp:
    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option: TyperOption | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option


class Group(_JapaneseHelp, TyperGroup):
    """The `kb` command group, with a Japanese `--help`."""


class Command(_JapaneseHelp, TyperCommand):
    """A `kb` subcommand, with a Japanese `--help`."""


def _name(error: BadParameter) -> str:
    param = error.param
    if param is None:
        return "引数"
    return "/".join(param.opts) if param.param_type_name == "option" else f"引数 {param.name}"


def usage_message(error: UsageError) -> str:
    """What was wrong with the command line, in Japanese, naming the option or argument."""
    if isinstance(error, NoSuchOption):
        known = f"(候補: {', '.join(sorted(error.possibilities))})" if error.possibilities else ""
        return f"{error.option_name} というオプションはありません{known}"
    if isinstance(error, MissingParameter):
        return f"{_name(error)} を指定してください"
    if isinstance(error, BadParameter):
        cause = error.__cause__  # Typer checks values with pydantic
        detail = "値が正しくありません"
        if isinstance(cause, ValidationError):
            detail = pydantic_message(cause.errors()[0])
        return f"{_name(error)}: {detail}"
    if isinstance(error, BadOptionUsage):
        if "does not take a value" in error.message:
            return f"{error.option_name} は値を取りません"
        return f"{error.option_name} に値を指定してください"
    for pattern, template in PLAIN:
        if match := pattern.fullmatch(error.message):
            return template.format(**match.groupdict())
    return error.format_message()


def show_usage_error(error: UsageError) -> None:
    """Usage line, the problem, and where to read more, on stderr (Click's layout, in Japanese)."""
    ctx = error.ctx
    if ctx is not None:
        typer.echo("使い方: " + ctx.get_usage().strip().removeprefix("Usage:").strip(), err=True)
    typer.secho(f"エラー: {usage_message(error)}", fg=typer.colors.RED, err=True)
    if ctx is not None:
        typer.echo(f"詳しくは `{ctx.command_path} --help` を見てください。", err=True)


def localize_help() -> None:
    """Relabel the help screen's panels and notes (Typer reads these constants each time it renders)."""
    from typer import rich_utils  # imports rich: only when the command line actually runs

    for name, label in LABELS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, label)


def run_command_line(app: typer.Typer, args: list[str] | None = None) -> int:
    """Run `app` as the `kb` program and return its exit code; usage errors are shown in Japanese (exit 2)."""
    localize_help()
    try:
        result = app(args=args, prog_name="kb", standalone_mode=False)
    except NoArgsIsHelpError:
        return 2  # the help screen has been shown, as Click does
    except UsageError as e:
        show_usage_error(e)
        return e.exit_code
    except ClickException as e:
        e.show()
        return e.exit_code
    except typer.Abort:
        typer.echo("中断しました。", err=True)
        return 1
    return result if isinstance(result, int) else 0
