"""Where events go (syslog, the JSON-lines log file), checked before anything runs: one line (exit 2)
naming the setting, never "internal error" or a logging traceback per event."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TestDatabase
from tests.helpers import one_line_error, run_cli, write_migrations

SET = {"1_users.up.sql": "CREATE TABLE users (id int);\n", "1_users.down.sql": "DROP TABLE users;\n"}
NOWHERE = "host=127.0.0.1 port=1 user=postgres dbname=postgres connect_timeout=2"
"""A server that is not there: a setting refused at load time is refused before connecting."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_migrations(tmp_path / "migrations", SET)
    return tmp_path


def configure(project: Path, line: str) -> None:
    (project / "migwiz.toml").write_text(f'[migwiz]\ndir = "migrations"\n{line}\n')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '"localhost:notaport"',
            "syslog = 'localhost:notaport': port 'notaport' is not a number from 1 to 65535",
        ),
        ('"db.example:99999"', "syslog = 'db.example:99999': port '99999' is not a number from 1 to 65535"),
        ('"localhost:0"', "syslog = 'localhost:0': port '0' is not a number from 1 to 65535"),
        ('"localhost"', "syslog = 'localhost': not a socket path nor host:port"),
        ('":514"', "syslog = ':514': not a socket path nor host:port"),
    ],
)
def test_a_bad_syslog_address_is_refused_at_load_time(project: Path, value: str, expected: str) -> None:
    configure(project, f"syslog = {value}")
    result = run_cli("up", "--dsn", NOWHERE, cwd=project)
    one_line_error(result, "migwiz.toml: " + expected, "hint: use true (/dev/log), a socket path such as")


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('log_file = "/"', "log_file = '/': is a folder, not a file"),
        ('log_file = "nope/events.jsonl"', "folder '{project}/nope' does not exist"),
        ('log_file = "migrations"', "log_file = '{project}/migrations': is a folder"),
    ],
    ids=["root", "no-folder", "a-folder"],
)
def test_a_log_file_that_cannot_be_written_is_refused_at_load_time(
    project: Path, setting: str, expected: str
) -> None:
    configure(project, setting)
    result = run_cli("up", "--dsn", NOWHERE, cwd=project)
    one_line_error(result, expected.format(project=project), "hint: point log_file (or --log-file) at a file")
    flag = run_cli(
        "up", "--dsn", NOWHERE, "--dir", project / "migrations", "--log-file", project / "nope" / "x"
    )
    one_line_error(flag, f"--log-file = '{project}/nope/x': folder '{project}/nope' does not exist")


def nothing_ran(db: TestDatabase) -> None:
    assert db.execute("SELECT to_regclass('public.users')") == [(None,)]
    if db.execute("SELECT to_regclass('migwiz.runs')") != [(None,)]:
        assert db.execute("SELECT count(*) FROM migwiz.runs") == [(0,)]


def test_a_log_file_the_system_refuses_is_one_line_before_the_run(
    db_latest: TestDatabase, project: Path
) -> None:
    """/sys refuses new files even to root, whom the load-time access check lets through."""
    target = Path("/sys/migwiz-events.jsonl")
    try:
        target.open("a").close()
    except OSError:
        pass
    else:
        target.unlink()
        pytest.skip("/sys takes new files on this machine")
    result = run_cli("up", "--dsn", db_latest.dsn, "--dir", project / "migrations", "--log-file", target)
    one_line_error(result, f"log_file = '{target}': cannot write there: Permission denied")
    nothing_ran(db_latest)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"{project}/no-daemon.sock"', "syslog = '{project}/no-daemon.sock': no syslog socket there"),
        ('"{project}/migrations/1_users.up.sql"', "no syslog socket there (Connection refused)"),
        ('"no-such-host.invalid:514"', "syslog = 'no-such-host.invalid:514': "),
    ],
    ids=["missing-socket", "not-a-socket", "unknown-host"],
)
def test_an_unreachable_syslog_is_one_line_before_the_first_migration(
    db_latest: TestDatabase, project: Path, value: str, expected: str
) -> None:
    configure(project, f"syslog = {value.format(project=project)}")
    result = run_cli("up", "--dsn", db_latest.dsn, cwd=project)
    one_line_error(result, expected.format(project=project), "hint: start the syslog daemon")
    nothing_ran(db_latest)


def test_a_log_file_on_a_full_disk_is_one_line_before_the_run(db_latest: TestDatabase, project: Path) -> None:
    """/dev/full opens for writing and refuses every write (ENOSPC), as a full disk does."""
    result = run_cli("up", "--dsn", db_latest.dsn, "--dir", project / "migrations", "--log-file", "/dev/full")
    one_line_error(result, "log_file = '/dev/full': cannot write there: No space left on device")
    assert db_latest.execute("SELECT to_regclass('public.users')") == [(None,)]  # nothing applied
    assert db_latest.execute("SELECT count(*) FROM migwiz.history") == [(0,)]
    assert db_latest.execute("SELECT outcome, finished_at IS NOT NULL FROM migwiz.runs") == [("failed", True)]
    (message,) = db_latest.execute("SELECT message FROM migwiz.events WHERE level = 'error'")[0]
    assert "finished: failed (log_file = '/dev/full': cannot write there" in message
