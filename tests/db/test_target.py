"""`target_info`: what the wizard's first screen says about a real server, read-only."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine import commands
from migwiz.engine.history.state import state_exists
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Version
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

FILES = {
    "0001_a.up.sql": "CREATE TABLE a (id int);\n",
    "0001_a.down.sql": "DROP TABLE a;\n",
    "0002_b.up.sql": "CREATE TABLE b (id int);\n",
    "0002_b.down.sql": "DROP TABLE b;\n",
}


def test_a_fresh_database(db: TestDatabase) -> None:
    info = commands.target_info(commands.Project(db.dsn, commands.Settings(None)))
    version, num, size, user = db.execute(
        "SELECT current_setting('server_version'), current_setting('server_version_num')::int,"
        " pg_database_size(current_database()), current_user"
    )[0]
    assert (info.server_version, info.server_version_num, info.major) == (version, num, db.major)
    assert (info.database, info.user) == (db.name, user)
    assert info.size_bytes == size
    assert info.where.endswith(f"/{db.name}") and "password" not in info.where
    assert not info.is_replica and not info.pooler_suspected
    assert not info.migwiz_schema and info.current_version is None and info.applied == 0
    assert info.warnings() == ("the migwiz schema does not exist yet: it is created by the first run",)
    with db.connect() as conn:
        assert not state_exists(conn, "migwiz")  # read-only: nothing was created


def test_current_version_after_a_run(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", FILES)
    commands.up(commands.Project.of(db.dsn, load_migration_set(folder)), to=Version("0001"))
    info = commands.target_info(commands.Project(db.dsn, commands.Settings(None)))
    assert info.migwiz_schema and info.current_version == "0001" and info.applied == 1
    assert info.warnings() == ()
    other = commands.target_info(commands.Project(db.dsn, commands.Settings(None, schema="elsewhere")))
    assert not other.migwiz_schema and other.current_version is None
    assert "the elsewhere schema does not exist yet" in other.warnings()[0]


def test_current_version_in_the_sets_order(db: TestDatabase, tmp_path: Path) -> None:
    """Diesel compares versions without their dashes: `2017-05-03-000000` is newer than `20140924113530`,
    which a generic order (dash-separated numbers: 20140924113530 > 2017) gets backwards."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "20140924113530_users/up.sql": "CREATE TABLE users (id int);\n",
            "20140924113530_users/down.sql": "DROP TABLE users;\n",
            "2017-05-03-000000_orders/up.sql": "CREATE TABLE orders (id int);\n",
            "2017-05-03-000000_orders/down.sql": "DROP TABLE orders;\n",
        },
    )
    mset = load_migration_set(folder)
    assert [str(m.version) for m in mset.migrations] == ["20140924113530", "2017-05-03-000000"]
    commands.up(commands.Project.of(db.dsn, mset))
    assert commands.target_info(commands.Project.of(db.dsn, mset)).current_version == "2017-05-03-000000"
    commands.down(commands.Project.of(db.dsn, mset), steps=1)
    assert commands.target_info(commands.Project.of(db.dsn, mset)).current_version == "20140924113530"
