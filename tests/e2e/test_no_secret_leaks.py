"""No password reaches anything migwiz writes, whatever characters it holds and however the DSN is written.

A property-based test: passwords drawn with `@ / : % space ' " \\ ?` and non-ASCII letters, written into
well-formed and malformed DSNs (URI raw and percent-encoded, key=value bare and quoted, PGPASSWORD), run
through real commands against a real server (connections that succeed, are refused, or cannot parse):
stdout, stderr, --debug tracebacks, --json documents, --log-file JSON lines, the central log, the `ci`
Markdown summary ($GITHUB_STEP_SUMMARY and --summary-file), SARIF and JUnit files hold no trace of it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import conninfo, sql

from migwiz.cli import cli
from migwiz.engine import secrets
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

SPECIAL = "@/:% '\"\\?"
ALPHABET = SPECIAL + "abcXYZ019éü☃Ж"
_counter = itertools.count()


@st.composite
def passwords(draw: st.DrawFn) -> str:
    """A password with at least one character DSNs treat specially, framed so it cannot occur by chance."""
    body = draw(st.text(alphabet=ALPHABET, min_size=3, max_size=12))
    special = draw(st.sampled_from(SPECIAL))
    return f"Pw{special}{body}Z"


def dsn_variants(db: TestDatabase, password: str) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(label, DSN, extra environment) for every way a user may hand over `password`."""
    params = conninfo.conninfo_to_dict(db.dsn)
    host, port, user, dbname = params["host"], params["port"], params["user"], params["dbname"]
    kv_quoted = password.replace("\\", "\\\\").replace("'", "\\'")
    yield "uri-raw", f"postgresql://{user}:{password}@{host}:{port}/{dbname}", {}
    yield "uri-encoded", f"postgresql://{user}:{quote(password, safe='')}@{host}:{port}/{dbname}", {}
    yield "uri-refused", f"postgresql://{user}:{quote(password, safe='')}@{host}:1/{dbname}", {}
    yield "kv-bare", f"host={host} port={port} user={user} password={password} dbname={dbname}", {}
    yield "kv-quoted", f"host={host} port={port} user={user} password='{kv_quoted}' dbname={dbname}", {}
    yield "pgpassword", f"host={host} port={port} user={user} dbname={dbname}", {"PGPASSWORD": password}


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def decoded(text: str) -> str:
    """`text`, plus the strings of each JSON document in it (so \\u escapes cannot hide a password)."""
    found = [text]
    for chunk in [text, *text.splitlines()]:
        try:
            found.extend(strings(json.loads(chunk)))
        except ValueError:
            continue
    return "\n".join(found)


def central_log(db: TestDatabase, schema: str) -> str:
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        if conn.execute("SELECT to_regnamespace(%s) IS NULL", (schema,)).fetchone() == (True,):
            return ""
        rows = conn.execute(
            sql.SQL("SELECT message, data FROM {}.events").format(sql.Identifier(schema))
        ).fetchall()
    return "\n".join(s for row in rows for s in strings(list(row)))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_migrations(
        tmp_path / "migrations",
        {"1_t.up.sql": "CREATE TABLE IF NOT EXISTS t (id int);\n", "1_t.down.sql": "DROP TABLE t;\n"},
    )


@settings(
    max_examples=5,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(password=passwords())
def test_no_output_holds_the_password(
    db_latest: TestDatabase, folder: Path, tmp_path: Path, password: str
) -> None:
    db = db_latest
    runner = CliRunner()
    outcomes: set[str] = set()
    for label, dsn, env in dsn_variants(db, password):
        secrets._secrets.clear()  # each way of giving the password must be found on its own
        n = next(_counter)
        schema = f"leak_{n}"
        files = tmp_path / f"run{n}"
        files.mkdir()
        full_env = {"DATABASE_URL": None, "PGPASSWORD": None, "COLUMNS": "200", "NO_COLOR": "1", **env}
        full_env["GITHUB_STEP_SUMMARY"] = str(files / "step_summary.md")
        common = ["--dsn", dsn, "--dir", str(folder), "--schema", schema]
        runs = [
            ["status", *common, "--json"],
            ["up", *common, "--json", "--debug", "--log-file", str(files / "events.jsonl")],
            ["status", *common, "--debug"],
            ["log", *common, "--json"],
            [
                "ci",
                *common,
                "--no-rollback",
                "--plan-dsn",
                dsn,
                "--summary-file",
                str(files / "summary.md"),
                "--sarif-file",
                str(files / "lint.sarif"),
            ],
        ]
        if label in ("uri-encoded", "uri-raw", "kv-bare", "uri-refused"):  # one rollback test that runs: ~1 s
            runs.append(["ci", *common, "--shadow-dsn", dsn, "--junit-file", str(files / "junit.xml")])
        said = []
        for args in runs:
            result = runner.invoke(cli, args, env=full_env)
            outcomes.add(f"{label}:{args[0]}:{result.exit_code}")
            said += [result.stdout, result.stderr]
        said += [p.read_text(encoding="utf-8") for p in files.iterdir()]
        said.append(central_log(db, schema))
        everything = decoded("\n".join(said))
        assert password not in everything, (label, dsn)
    # the test covers both worlds: commands that connected and commands that could not
    assert any(o.startswith("uri-encoded:up:0") for o in outcomes), outcomes
    assert any(o.startswith("uri-refused:status:2") for o in outcomes), outcomes


def test_a_password_the_server_quotes_cut_at_a_space_is_scrubbed(
    db_latest: TestDatabase, folder: Path
) -> None:
    """The password also given in `options`: the server's error quotes it up to its first space."""
    secrets._secrets.clear()
    params = conninfo.conninfo_to_dict(db_latest.dsn)
    password = "Pw@/:%K9 tail'Q"
    quoted = password.replace("\\", "\\\\").replace("'", "\\'")
    dsn = (
        f"host={params['host']} port={params['port']} user={params['user']} dbname={params['dbname']}"
        f" password='{quoted}' options='-c {quoted}'"
    )
    result = CliRunner().invoke(cli, ["status", "--dsn", dsn, "--dir", str(folder), "--json", "--debug"])
    assert result.exit_code == 2, result.output
    said = decoded(result.stdout + result.stderr)
    assert "requires a value" in said  # the server's own words came through, scrubbed
    assert "Pw@/:%K9" not in said and "tail'Q" not in said
