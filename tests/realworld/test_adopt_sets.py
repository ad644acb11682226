"""A whole set applied by its own tool, then adopted: `migwiz adopt --from <tool>` reads the tool's table,
`status` shows every migration applied, and `drift` finds nothing.

The tool's run is psql applying the files the tool's way (tools.py) after the tool's own DDL for its
table, with the rows the tool writes (test_tool_tables.py). Diesel, sqlx and Prisma sets of sets.toml
and external.toml (where fetched), except those whose migrations write to the tool's own table (their
baseline creates it: Lemmy's trigger on it swallows the rows, matrix-authentication-service deletes
some). Marker `realworld`: `make test-realworld` (test_tool_tables.py keeps a cheap case per tool in
`make test`).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import TestDatabase
from tests.helpers import run_cli
from tests.realworld.realsets import EXTERNAL, SETS, RealSet, apply_with_psql, require_extensions
from tests.realworld.test_tool_tables import DIESEL_TABLE, PRISMA_TABLE, SQLX_TABLE, _record

pytestmark = [pytest.mark.realworld, pytest.mark.timeout(1800)]

TABLES = {"diesel": DIESEL_TABLE, "sqlx": SQLX_TABLE, "prisma": PRISMA_TABLE}
TOOL_TABLE_BASELINES = {"diesel.sql", "sqlx.sql"}
ADOPTABLE = [
    s
    for s in [*SETS, *EXTERNAL]
    if s.tool in TABLES and s.order_only is None and s.baseline not in TOOL_TABLE_BASELINES
]


@pytest.mark.parametrize("real", ADOPTABLE, ids=lambda s: s.name)
def test_a_set_applied_by_its_tool_is_adopted_without_drift(
    real: RealSet, db_for: Callable[[RealSet], TestDatabase]
) -> None:
    if not real.folder.is_dir():
        pytest.skip(f"{real.name} is not fetched: python -m tests.realworld.fetch_external {real.name}")
    db = db_for(real)
    require_extensions(db, real)
    real.prepare(db)
    db.execute(TABLES[real.tool])
    order = real.reference_order()  # where the tool fails (tool_fails), as the operator then does
    apply_with_psql(db, order)
    _record(db, real.tool, order)
    where = ["--dsn", db.dsn, "--dir", real.folder]
    adopted = run_cli("adopt", "--from", real.tool, *real.baseline_args, *where, timeout=900)
    assert adopted.code == 0, adopted.stdout[-2000:] + adopted.stderr[-2000:]
    states = [m["state"] for m in run_cli("status", "--json", *where).json()["migrations"]]
    assert states == ["applied"] * len(order)
    drift = run_cli("drift", "--json", *real.baseline_args, *where, timeout=900)
    assert drift.code == 0, drift.stdout[-3000:] + drift.stderr[-2000:]
