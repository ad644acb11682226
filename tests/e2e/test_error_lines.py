"""Errors become one scrubbed line (`errors.one_line`) wherever the engine turns them into text: with a
role that logs in with a real password (scram), a server message that quotes that password says `***`,
whether it reaches a plan's parse check or a fleet's listing query."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine import commands, secrets
from migwiz.engine.errors import ConfigError
from migwiz.engine.servers.local import LocalServer
from migwiz.engine.sets import load_migration_set
from tests.e2e.conftest import APP_PASSWORD
from tests.helpers import write_migrations


def app_dsn(server: LocalServer) -> str:
    return f"postgresql://app:{APP_PASSWORD}@127.0.0.1:{server.port}/postgres"


def test_a_parse_check_quoting_the_password_says_stars(password_server: LocalServer, tmp_path: Path) -> None:
    """A foreign-data user mapping written with the connection's own password and a typo next to it: the
    server's parser quotes the password (the second one); the plan's reason says `***`."""
    mapping = f"CREATE USER MAPPING FOR app SERVER s OPTIONS (password '{APP_PASSWORD}' '{APP_PASSWORD}');\n"
    folder = write_migrations(tmp_path / "m", {"1_fdw.up.sql": mapping})
    secrets._secrets.clear()
    report = commands.plan(commands.Project.of(app_dsn(password_server), load_migration_set(folder)))
    [migration] = report.migrations
    said = [r.message for r in migration.reasons if r.rule == "server-parse"]
    assert said, [r.rule for r in migration.reasons]
    assert "syntax error at or near" in said[0]
    assert APP_PASSWORD not in " ".join(said)
    assert "***" in said[0]


def test_a_listing_query_quoting_the_password_is_one_line_without_it(
    password_server: LocalServer, tmp_path: Path
) -> None:
    """A fleet whose database-listing query fails with a message holding the password: one line, `***`."""
    query = f"SELECT datname FROM pg_database WHERE 1 = '{APP_PASSWORD}'::int"
    (tmp_path / "fleet.toml").write_text(
        f'[[fleet.target]]\ndsn = "{app_dsn(password_server)}"\ndatabases = "{query}"\n', encoding="utf-8"
    )
    secrets._secrets.clear()
    fleet = commands.load_fleet(tmp_path / "fleet.toml")
    with pytest.raises(ConfigError) as raised:
        list(fleet.targets())
    message = raised.value.message
    assert "the listing query failed: invalid input syntax for type integer" in message, message
    assert APP_PASSWORD not in message and "\n" not in message
