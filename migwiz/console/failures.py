"""How the CLI fails: one scrubbed line and a hint on stderr, a JSON error object with --json, exit codes."""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path
from typing import Any, NoReturn

import click

from migwiz.engine.errors import MigwizError, OutputFileError, hint_line, one_line, scrub


def fail(exc: MigwizError, debug: bool, json_output: bool = False) -> None:
    """Say `exc` in one line (and a hint) on stderr, scrubbed; with --json also as an object on stdout."""
    from migwiz.console import output  # here, not at import: the CLI starts without rich and the engine

    if debug:
        sys.stderr.write(scrub(traceback.format_exc()))
    message, hint = one_line(exc), hint_line(exc)
    if json_output:
        json_error(message, hint, exc.exit_code)
    output.stderr.print(f"migwiz: error: {message}", markup=False, highlight=False)
    if hint:
        output.stderr.print(f"hint: {hint}", markup=False, highlight=False, style="dim")
    sys.exit(exc.exit_code)


def json_error(message: str, hint: str | None, exit_code: int) -> None:
    """`{"error": {"message", "hint", "exit_code"}}` on stdout (for --json)."""
    from migwiz.console import output

    output.emit_json({"error": {"message": message, "hint": hint, "exit_code": exit_code}})


def write_scrubbed(path: Path, text: str, *, append: bool = False) -> None:
    """Write a report file (SARIF, JUnit, Markdown) with every known secret removed; a file the system
    refuses is an `OutputFileError` naming it."""
    try:
        with path.open("a" if append else "w", encoding="utf-8") as f:
            f.write(scrub(text))
    except OSError as exc:
        raise OutputFileError(
            f"{path}: cannot write the report: {exc.strerror or exc}",
            "point the flag at a file in an existing, writable folder",
        ) from None


class JsonErrors(click.Group):
    """The top-level group: click's own errors (bad flags, values or commands) are one line and a hint on
    stderr, like every other error, and `{"error": ...}` on stdout when --json was given."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Note whether --json was given before click reads the arguments."""
        ctx.meta["migwiz.json"] = "--json" in args[: args.index("--") if "--" in args else len(args)]
        try:
            return super().parse_args(ctx, args)
        except click.ClickException as exc:
            _say_click_error(ctx, exc)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; a click error is said as one line (and as JSON with --json)."""
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            _say_click_error(ctx, exc)


def _say_click_error(ctx: click.Context, exc: click.ClickException) -> NoReturn:
    """One line and a hint (`see migwiz CMD --help` for usage errors) on stderr, then exit with its code."""
    message = " ".join(scrub(exc.format_message()).split())
    hint = None
    if isinstance(exc, click.UsageError):
        path = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
        hint = f"see `{path} --help`"
    if ctx.meta.get("migwiz.json"):
        json_error(message, hint, exc.exit_code)
    click.echo(f"migwiz: error: {message}", err=True)
    if hint:
        click.echo(f"hint: {hint}", err=True)
    raise click.exceptions.Exit(exc.exit_code) from None


def _excepthook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    """Uncaught exceptions (outside the commands' own error handling) are printed scrubbed."""
    sys.stderr.write(scrub("".join(traceback.format_exception(kind, exc, tb))))


def _thread_excepthook(args: Any) -> None:
    if args.exc_type is not SystemExit and args.exc_value is not None:
        _excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthooks() -> None:
    """Print uncaught exceptions, in the main thread and in others, scrubbed of secrets."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
