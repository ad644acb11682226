"""`plan --pg-version N` with no database named: planned on an empty database of a throw-away local
PostgreSQL N that holds the baseline, so every migration is pending and the dry run (`plan.proof`) shows
which of them run on N. Without a local server of that major nothing can be shown to run: every migration
is `unverified`, and the reason says so."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from migwiz.engine.errors import MigwizError
from migwiz.engine.plan.build import plan
from migwiz.engine.plan.calibrate import DEFAULT_THROUGHPUT
from migwiz.engine.plan.model import MigrationPlan, PlanReport, Reason
from migwiz.engine.plan.proof import Proof
from migwiz.engine.run.policy import ExecutionPolicy
from migwiz.engine.servers.local import find_binaries, start_server
from migwiz.engine.sets.model import MigrationSet, Version
from migwiz.engine.shadow.covered import set_after_baseline
from migwiz.engine.shadow.databases import apply_baseline
from migwiz.engine.shadow.scratch import create_database

DATABASE = "migwiz_plan"


def plan_on_local_server(
    mset: MigrationSet,
    *,
    pg_version: int,
    schema: str,
    baseline: Sequence[Path] = (),
    policy: ExecutionPolicy | None = None,
    to: Version | None = None,
) -> PlanReport:
    """Every migration of `mset` (up to `to`) planned on an empty database of a local PostgreSQL
    `pg_version` with the `baseline`; all `unverified` when no such server is installed or it will not
    start."""
    label = f"a local PostgreSQL {pg_version} (empty database with the baseline)"
    binaries = find_binaries(pg_version)
    if binaries is None:
        return _not_shown(mset, pg_version, label, f"no database named and no local PostgreSQL {pg_version}")
    try:
        server = start_server(binaries)
    except MigwizError as exc:
        return _not_shown(
            mset, pg_version, label, f"the local PostgreSQL {pg_version} did not start: {exc.message}"
        )
    try:
        dsn = create_database(server.dsn(), DATABASE)
        apply_baseline(dsn, baseline)
        later = set_after_baseline(mset, baseline)  # a baseline that stands for the first migrations
        return plan(dsn, later, schema=schema, pg_version=pg_version, policy=policy, to=to, label=label)
    finally:
        server.stop("immediate")


def _not_shown(mset: MigrationSet, major: int, label: str, why: str) -> PlanReport:
    hint = f"install PostgreSQL {major} where migwiz runs, or pass --dsn of a PostgreSQL {major} database"
    reason = Reason("unverified", f"not shown to run on PostgreSQL {major}: {why}", hint, None, "dry-run")
    plans = tuple(
        MigrationPlan(
            str(m.version), m.name, m.up.path, m.up.directives.transaction, (), "unverified", (reason,), 0.0
        )
        for m in mset.migrations
    )
    proof = Proof(major, "none", why=why, hint=hint)
    return PlanReport(label, 0, major, DEFAULT_THROUGHPUT, plans, 0.0, "up", proof)
