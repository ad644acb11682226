"""The dbmate sets against dbmate itself, where it is installed (`npm install dbmate`, or `$MIGWIZ_DBMATE`).

`dbmate status` lists the migrations in the order `migwiz status` shows; `dbmate up` and `migwiz up` build
the same schema; `migwiz adopt --from dbmate` on dbmate's database, then `drift`, finds nothing.
Without dbmate the tests skip, naming how to get it (tools.py's reading is checked in `make test`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from psycopg.conninfo import conninfo_to_dict

from tests.conftest import TestDatabase, create_database, drop_database
from tests.helpers import run_cli
from tests.realworld.realsets import SETS, RealSet, require_extensions, schema_dump

pytestmark = pytest.mark.realworld

DBMATE = os.environ.get("MIGWIZ_DBMATE") or shutil.which("dbmate")
_DBMATE_SETS = [s for s in SETS if s.tool == "dbmate"]


def _dbmate(db: TestDatabase, real: RealSet, *args: str) -> str:
    if DBMATE is None:
        pytest.skip("dbmate is not installed (npm install dbmate, or set MIGWIZ_DBMATE)")
    info = conninfo_to_dict(db.dsn)
    url = f"postgres://{info['user']}@{info['host']}:{info['port']}/{info['dbname']}?sslmode=disable"
    proc = subprocess.run(
        [DBMATE, "--url", url, "--migrations-dir", str(real.folder), "--no-dump-schema", *args],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, f"dbmate {' '.join(args)}: {proc.stderr.strip()[-2000:]}"
    return proc.stdout


@pytest.mark.parametrize("real", _DBMATE_SETS, ids=[s.name for s in _DBMATE_SETS])
def test_status_order_is_dbmates_own(real: RealSet, db_latest: TestDatabase) -> None:
    listed = _dbmate(db_latest, real, "status")
    by_dbmate = [m[1] for line in listed.splitlines() if (m := re.match(r"\[.\] (\d+)", line))]
    assert len(by_dbmate) == real.migrations
    shown = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", real.folder).json()["migrations"]
    assert [m["version"] for m in shown] == by_dbmate


@pytest.mark.parametrize("real", [s for s in _DBMATE_SETS if not s.order_only], ids=lambda s: s.name)
def test_up_and_adopt_match_dbmate(real: RealSet, db_latest: TestDatabase) -> None:
    require_extensions(db_latest, real)
    by_dbmate = create_database(db_latest.server)
    try:
        real.prepare(by_dbmate)
        _dbmate(by_dbmate, real, "up")
        real.prepare(db_latest)
        up = run_cli(
            "up", "--allow-irreversible", "--force-risky", *real.baseline_args,
            "--dsn", db_latest.dsn, "--dir", real.folder, timeout=900,
        )  # fmt: skip
        assert up.code == 0, up.stderr[-3000:]
        tables = [b for b in schema_dump(db_latest.server, by_dbmate.dsn) if "schema_migrations" not in b]
        assert schema_dump(db_latest.server, db_latest.dsn) == tables
        adopted = run_cli("adopt", "--from", "dbmate", "--dsn", by_dbmate.dsn, "--dir", real.folder)
        assert adopted.code == 0, adopted.stderr
        drift = run_cli("drift", "--json", *real.baseline_args, "--dsn", by_dbmate.dsn, "--dir", real.folder)
        assert drift.code == 0, drift.stdout[-3000:]
    finally:
        drop_database(by_dbmate)
