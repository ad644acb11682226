"""`-- migwiz:` directives and ignores, and the durations they use."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.durations import format_duration, parse_duration
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.directives import ignores_by_statement, parse_directives
from migwiz.engine.sets.model import Directives, Ignore
from migwiz.engine.sets.splitting import split_sql

PATH = Path("migrations/3_x.up.sql")


def parse(text: str, first_line: int = 1) -> tuple[Directives, tuple[Ignore, ...]]:
    return parse_directives(text, path=PATH, first_line=first_line)


def error(text: str) -> str:
    with pytest.raises(MigrationFileError) as info:
        parse(text)
    return info.value.message


def test_no_directives_gives_defaults() -> None:
    assert parse("-- just a comment\nselect 1;") == (Directives(), ())


def test_every_leading_directive() -> None:
    text = (
        "-- Add the email column.\n"
        "/* block comments are fine too */\n"
        "-- migwiz:no-transaction\n"
        "--migwiz:lock-timeout=2s\n"
        "-- migwiz:statement-timeout = 10min\n"
        "-- migwiz:phase=backfill\n"
        "-- migwiz:backfill\n"
        "\n"
        "update t set x = 1;\n"
    )
    assert parse(text) == (
        Directives(
            transaction=False,
            lock_timeout_ms=2000,
            statement_timeout_ms=600_000,
            phase="backfill",
            backfill=True,
        ),
        (),
    )


@pytest.mark.parametrize("phase", ["expand", "backfill", "contract"])
def test_phases(phase: str) -> None:
    assert parse(f"-- migwiz:phase={phase}\nselect 1;")[0].phase == phase


def test_directives_in_a_script_without_statements() -> None:
    assert parse("-- migwiz:no-transaction\n")[0].transaction is False


def test_base_directives_are_kept_and_overridden() -> None:
    directives, _ = parse_directives(
        "-- migwiz:lock-timeout=1s\nselect 1;", path=PATH, base=Directives(transaction=False)
    )
    assert directives == Directives(transaction=False, lock_timeout_ms=1000)


def test_ignores_anywhere_between_statements() -> None:
    text = (
        "-- migwiz:ignore add-column-default small table, checked by hand\n"
        "alter table t add column x int default 0;\n"
        "\n"
        "-- migwiz:ignore set-not-null  validated in 2_x\n"
        "-- migwiz:ignore rule.two\treason with\ttabs\n"
        "alter table t alter column x set not null;\n"
        "select 3;\n"
    )
    directives, ignores = parse(text, first_line=5)
    assert directives == Directives()
    assert ignores == (
        Ignore("add-column-default", "small table, checked by hand", 5),
        Ignore("set-not-null", "validated in 2_x", 8),
        Ignore("rule.two", "reason with\ttabs", 9),
    )
    statements = split_sql(text, path=PATH, first_line=5)
    assert ignores_by_statement(statements, ignores) == ((ignores[0],), ignores[1:], ())


def test_directive_text_inside_strings_or_bodies_is_not_a_directive() -> None:
    text = "select '-- migwiz:bogus';\ndo $$ begin\n-- migwiz:bogus\nend $$;"
    assert parse(text) == (Directives(), ())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-- migwiz:no-transactions\nselect 1;", "3_x.up.sql:1: unknown directive migwiz:no-transactions"),
        ("\n-- migwiz:\nselect 1;", "3_x.up.sql:2: unknown directive migwiz:"),
        ("-- migwiz:lock_timeout=2s\nselect 1;", "3_x.up.sql:1: unknown directive migwiz:lock_timeout"),
        (
            "-- migwiz:lock-timeout=2x\nselect 1;",
            "3_x.up.sql:1: migwiz:lock-timeout: invalid duration '2x': unknown unit 'x'",
        ),
        ("-- migwiz:lock-timeout\nselect 1;", "3_x.up.sql:1: migwiz:lock-timeout needs a value"),
        ("-- migwiz:statement-timeout=\nselect 1;", "3_x.up.sql:1: migwiz:statement-timeout needs a value"),
        ("-- migwiz:lock-timeout=30d\nselect 1;", "3_x.up.sql:1: migwiz:lock-timeout=30d is more than"),
        ("-- migwiz:phase=migrate\nselect 1;", "3_x.up.sql:1: migwiz:phase=migrate is not a phase"),
        ("-- migwiz:no-transaction=yes\nselect 1;", "3_x.up.sql:1: migwiz:no-transaction takes no value"),
        ("-- migwiz:backfill now\nselect 1;", "3_x.up.sql:1: unexpected text after migwiz:backfill: 'now'"),
        (
            "-- migwiz:phase=expand\n-- migwiz:phase=contract\nselect 1;",
            "3_x.up.sql:2: migwiz:phase repeated (first at line 1)",
        ),
        (
            "select 1;\n-- migwiz:no-transaction\nselect 2;",
            "3_x.up.sql:2: migwiz:no-transaction must come before the first statement",
        ),
        ("select 1; -- migwiz:lock-timeout=1s", "3_x.up.sql:1: migwiz:lock-timeout must come before"),
        ("select 1;\n-- migwiz:wat\n", "3_x.up.sql:2: unknown directive migwiz:wat"),
        ("/* migwiz:no-transaction */\nselect 1;", "3_x.up.sql:1: migwiz directives must be -- comments"),
        ("select 1;\n/*\n migwiz:ignore r why */ select 2;", "3_x.up.sql:2: migwiz directives must be --"),
        ("-- migwiz:ignore some-rule\nselect 1;", "3_x.up.sql:1: migwiz:ignore some-rule needs a reason"),
        ("-- migwiz:ignore   \nselect 1;", "3_x.up.sql:1: migwiz:ignore needs a rule id and a reason"),
        ("-- migwiz:ignore=r why\nselect 1;", "3_x.up.sql:1: write migwiz:ignore <rule-id> <reason>"),
        (
            "select 1;\n-- migwiz:ignore r why\n",
            "3_x.up.sql:2: migwiz:ignore r is not followed by a statement",
        ),
        ("select 1; -- migwiz:ignore r why", "3_x.up.sql:1: migwiz:ignore r is not followed by a statement"),
        (
            "alter table t\n  -- migwiz:ignore r why\n  add column x int;",
            "3_x.up.sql:2: migwiz:ignore inside a statement",
        ),
    ],
)
def test_errors_name_file_and_line(text: str, message: str) -> None:
    assert error(text).startswith(f"migrations/{message}")


def test_error_lines_are_file_lines() -> None:
    with pytest.raises(MigrationFileError) as info:
        parse_directives("\n-- migwiz:wat\n", path=PATH, first_line=20)
    assert info.value.message.startswith(f"{PATH}:21: ")


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("0", 0),
        ("250", 250),
        ("500ms", 500),
        ("2s", 2000),
        ("1.5s", 1500),
        ("1.1s", 1100),
        ("10min", 600_000),
        ("1h", 3_600_000),
        ("2h30min", 9_000_000),
        ("2h 30min", 9_000_000),
        (" 2 s ", 2000),
        ("1d", 86_400_000),
        ("0.5h", 1_800_000),
    ],
)
def test_parse_duration(text: str, ms: int) -> None:
    assert parse_duration(text) == ms


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("10m", "unknown unit 'm'"),
        ("2S", "unknown unit 'S'"),
        ("2 seconds", "unknown unit 'seconds'"),
        ("-1s", "expected a number"),
        ("s", "expected a number"),
        ("1h30", "every part after the first needs a unit"),
        ("1.5", "milliseconds must be a whole number"),
        ("1.5ms", "not a whole number of milliseconds"),
        ("2s!", "expected a number at '!'"),
    ],
)
def test_parse_duration_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="invalid duration") as info:
        parse_duration(text)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("ms", "text"),
    [(0, "0ms"), (1, "1ms"), (1500, "1s500ms"), (60_000, "1min"), (9_000_000, "2h30min"), (86_400_000, "1d")],
)
def test_format_duration_round_trips(ms: int, text: str) -> None:
    assert format_duration(ms) == text
    assert parse_duration(text) == ms


def test_format_negative_duration_is_an_error() -> None:
    with pytest.raises(ValueError, match="negative"):
        format_duration(-1)
