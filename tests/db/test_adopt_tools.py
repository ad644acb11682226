"""Adopting databases really migrated by dbmate and sqitch: the tools run against the test database.

Install them (docs/adopt.md): `npm install --prefix .tools dbmate` (a binary inside the npm package; also
found on PATH or via $DBMATE) and `apt-get install -y sqitch libdbd-pg-perl`. Without them these tests
skip and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from migwiz.engine import commands
from migwiz.engine.adopt import adopt, detect_foreign_tools, foreign_state, read_foreign_history
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.db.test_adopt import NAME, ORDERS, USERS, assert_adopted, rows_of
from tests.helpers import write_migrations

REPO = Path(__file__).resolve().parents[2]


def find_dbmate() -> str | None:
    """$DBMATE, then PATH, then the repository's `.tools` npm prefix."""
    for candidate in (
        os.environ.get("DBMATE"),
        shutil.which("dbmate"),
        str(REPO / ".tools" / "node_modules" / ".bin" / "dbmate"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def run_tool(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, f"{args[0]} failed: {proc.stdout}\n{proc.stderr}"
    return proc.stdout


def url(db: TestDatabase) -> str:
    return f"postgres://postgres@127.0.0.1:{db.server.port}/{db.name}?sslmode=disable"


# -- dbmate -------------------------------------------------------------------------------------------------

DBMATE_FILES = {
    "20240101000000_create_users.sql": f"-- migrate:up\n{USERS}\n-- migrate:down\nDROP TABLE users;\n",
    "20240102000000_add_name.sql": (
        f"-- migrate:up\n{NAME}\n-- migrate:down\nALTER TABLE users DROP COLUMN name;\n"
    ),
}


def test_dbmate_really_migrated_then_adopted(db: TestDatabase, tmp_path: Path) -> None:
    dbmate = find_dbmate()
    if dbmate is None:
        pytest.skip("dbmate not installed: npm install --prefix .tools dbmate (see docs/adopt.md)")
    folder = write_migrations(tmp_path / "db" / "migrations", DBMATE_FILES)
    run_tool([dbmate, "--url", url(db), "--migrations-dir", str(folder), "--no-dump-schema", "up"], tmp_path)
    assert db.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'") == [(3,)]
    before = rows_of(db, "public.schema_migrations")
    assert before == [("20240101000000",), ("20240102000000",)]

    # a third migration dbmate has not applied
    write_migrations(
        folder,
        {"20240103000000_orders.sql": f"-- migrate:up\n{ORDERS}\n-- migrate:down\nDROP TABLE orders;\n"},
    )
    mset = load_migration_set(folder)
    with db.connect() as conn:
        assert detect_foreign_tools(conn) == ["dbmate"]
        assert [r.version for r in read_foreign_history(conn, "dbmate")] == [
            "20240101000000",
            "20240102000000",
        ]
    state = foreign_state(db.dsn, mset)
    assert state is not None
    assert [s.state for s in state.statuses] == ["applied", "applied", "pending"]

    report = adopt(db.dsn, mset, "dbmate")
    assert [str(a.migration.version) for a in report.adopted] == ["20240101000000", "20240102000000"]
    assert_adopted(db, mset, ["20240101000000", "20240102000000"], "dbmate", "public.schema_migrations")
    assert rows_of(db, "public.schema_migrations") == before

    result = commands.up(commands.Project.of(db.dsn, mset))
    assert [str(o.version) for o in result.report.outcomes] == ["20240103000000"]
    # dbmate still sees only what it ran itself: its table was never written to
    status = run_tool([dbmate, "--url", url(db), "--migrations-dir", str(folder), "status"], tmp_path)
    assert "[ ] 20240103000000_orders.sql" in status


def test_dbmate_order_and_identity_are_dbmate_s(db: TestDatabase, tmp_path: Path) -> None:
    """The order dbmate really applies files in (file-name order; `1` and `001` are two versions)."""
    dbmate = find_dbmate()
    if dbmate is None:
        pytest.skip("dbmate not installed: npm install --prefix .tools dbmate (see docs/adopt.md)")
    step = (
        "-- migrate:up\nCREATE TABLE IF NOT EXISTS seen (n serial, file text);\n"
        "INSERT INTO seen (file) VALUES ('{}');\n-- migrate:down\n"
    )
    names = ["1_a.sql", "10_b.sql", "2_c.sql", "001_d.sql", "20240101-e.sql"]
    folder = write_migrations(tmp_path / "m", {n: step.format(n) for n in names} | {"schema.sql": "junk"})
    run_tool([dbmate, "--url", url(db), "--migrations-dir", str(folder), "--no-dump-schema", "up"], tmp_path)
    dbmate_order = [str(r[0]) for r in db.execute("SELECT file FROM seen ORDER BY n")]
    mset = load_migration_set(folder)
    assert [m.up.path.name for m in mset.migrations] == dbmate_order
    assert sorted(str(r[0]) for r in db.execute("SELECT version FROM schema_migrations")) == sorted(
        str(m.version) for m in mset.migrations
    )
    assert mset.notices == (f"{folder / 'schema.sql'}: ignored (dbmate reads only <version>_<name>.sql)",)


# -- sqitch -------------------------------------------------------------------------------------------------

SQITCH_PLAN = """%syntax-version=1.0.0
%project=shop

create_users 2024-01-01T00:00:00Z Test <test@example.com> # users
add_name [create_users] 2024-01-02T00:00:00Z Test <test@example.com> # name column
"""


def test_sqitch_really_deployed_then_adopted(db: TestDatabase, tmp_path: Path) -> None:
    sqitch = shutil.which("sqitch")
    if sqitch is None:
        pytest.skip("sqitch not installed: apt-get install -y sqitch libdbd-pg-perl (see docs/adopt.md)")
    project = write_migrations(
        tmp_path / "sqitch",
        {
            "sqitch.conf": "[core]\n\tengine = pg\n",
            "sqitch.plan": SQITCH_PLAN,
            "deploy/create_users.sql": USERS,
            "revert/create_users.sql": "DROP TABLE users;\n",
            "deploy/add_name.sql": NAME,
            "revert/add_name.sql": "ALTER TABLE users DROP COLUMN name;\n",
        },
    )
    env = {
        "SQITCH_USER_CONFIG": str(tmp_path / "none.conf"),
        "SQITCH_SYSTEM_CONFIG": str(tmp_path / "none.conf"),
        "SQITCH_FULLNAME": "Deploy Bot",
        "SQITCH_EMAIL": "deploy@example.com",
    }
    target = f"db:pg://postgres@127.0.0.1:{db.server.port}/{db.name}"
    run_tool([sqitch, "deploy", target], project, env)
    assert db.execute("SELECT change FROM sqitch.changes ORDER BY committed_at") == [
        ("create_users",),
        ("add_name",),
    ]
    before = {
        t: rows_of(db, f"sqitch.{t}") for t in ("changes", "events", "projects", "tags", "dependencies")
    }

    # the same changes as a migwiz folder: the up scripts are verbatim copies of sqitch's deploy scripts
    mset = load_migration_set(
        write_migrations(
            tmp_path / "m",
            {
                "0001_create_users.up.sql": USERS,
                "0001_create_users.down.sql": "DROP TABLE users;\n",
                "0002_add_name.up.sql": NAME,
                "0002_add_name.down.sql": "ALTER TABLE users DROP COLUMN name;\n",
                "0003_orders.up.sql": ORDERS,
                "0003_orders.down.sql": "DROP TABLE orders;\n",
            },
        )
    )
    with db.connect() as conn:
        assert detect_foreign_tools(conn) == ["sqitch"]
        rows = read_foreign_history(conn, "sqitch")
        assert [(r.name, r.project, r.applied_by) for r in rows] == [
            ("create_users", "shop", "Deploy Bot <deploy@example.com>"),
            ("add_name", "shop", "Deploy Bot <deploy@example.com>"),
        ]
    state = foreign_state(db.dsn, mset)
    assert state is not None and state.source.qualified == "sqitch.changes"
    assert [s.state for s in state.statuses] == ["applied", "applied", "pending"]

    report = adopt(db.dsn, mset, "sqitch")
    assert [a.migration.name for a in report.adopted] == ["create_users", "add_name"]
    assert all(a.checksum_matches for a in report.adopted)  # sqitch's SHA-1 of the deploy script
    assert_adopted(db, mset, ["0001", "0002"], "sqitch", "sqitch.changes")
    assert {t: rows_of(db, f"sqitch.{t}") for t in before} == before

    result = commands.up(commands.Project.of(db.dsn, mset))
    assert [str(o.version) for o in result.report.outcomes] == ["0003"]


def test_dbmate_refuses_a_file_without_down_and_migwiz_reads_it_without_a_down(
    db: TestDatabase, tmp_path: Path
) -> None:
    """dbmate 2 stops at a file without `-- migrate:down`; migwiz reads it as having no down script."""
    dbmate = find_dbmate()
    if dbmate is None:
        pytest.skip("dbmate not installed: npm install --prefix .tools dbmate (see docs/adopt.md)")
    files = {
        "1_a.sql": "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n",
        "2_b.sql": "-- migrate:up\nCREATE TABLE b (id int);\n",
    }
    folder = write_migrations(tmp_path / "m", files)
    args = [dbmate, "--url", url(db), "--migrations-dir", str(folder), "--no-dump-schema", "up"]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode != 0
    assert "requires each migration to define a down block" in proc.stdout + proc.stderr
    assert [r[0] for r in db.execute("SELECT version FROM schema_migrations")] == ["1"]
    mset = load_migration_set(folder)
    assert [m.down is None for m in mset.migrations] == [False, True]
    assert mset.notices[0].startswith(f"{folder / '2_b.sql'}: no -- migrate:down section: dbmate 2 refuses")
