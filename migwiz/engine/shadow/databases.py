"""Shadow databases: where rollback tests run and where drift detection replays the migration files.

A shadow database is either made on the target's server (`migwiz_shadow_<purpose>_<random>`, dropped on
exit whatever happens, Ctrl-C included) or given by the operator (`--shadow-dsn`): that database must be
empty, and everything migwiz created in it is dropped again on exit.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import psycopg
from psycopg import sql

from migwiz.engine.errors import MigwizError, UsageError, one_line
from migwiz.engine.history.baseline import read_baseline_file
from migwiz.engine.history.state import DEFAULT_SCHEMA, HistoryRow, ensure_state
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.guard import GuardPolicy, LockTarget
from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.schema import SchemaModel, read_schema
from migwiz.engine.schema.model import Schema
from migwiz.engine.servers.connect import connect, describe
from migwiz.engine.servers.readers import reading
from migwiz.engine.sets.model import Migration, MigrationSet, Script
from migwiz.engine.shadow.scratch import scratch_database, without_dump_meta

SHADOW_PREFIX = "migwiz_shadow"

# Top-level kinds that can be dropped with CASCADE when an operator's shadow database is cleaned.
_DROP_KIND = {
    "table": "TABLE",
    "view": "VIEW",
    "materialized view": "MATERIALIZED VIEW",
    "sequence": "SEQUENCE",
    "enum": "TYPE",
    "composite type": "TYPE",
    "domain": "DOMAIN",
    "extension": "EXTENSION",
}


@dataclass(frozen=True)
class Shadow:
    """A shadow database: its DSN, a secret-free label, and whether migwiz created it."""

    dsn: str
    label: str
    created: bool
    baseline: tuple[Path, ...] = ()
    """The baseline files run in it first (none: it started empty)."""


def shadow_prefix(purpose: str) -> str:
    """`migwiz_shadow_<purpose>` with the purpose reduced to lower-case letters, digits and `_`.

    >>> shadow_prefix("test-rollback")
    'migwiz_shadow_test_rollback'
    """
    return f"{SHADOW_PREFIX}_{re.sub(r'[^a-z0-9]+', '_', purpose.lower()).strip('_')}"


@contextmanager
def shadow_database(
    dsn: str | None, *, shadow_dsn: str | None = None, purpose: str, baseline: Sequence[Path] = ()
) -> Iterator[Shadow]:
    """A shadow database for `purpose`: `shadow_dsn` if given, else one made on `dsn`'s server.

    An operator's shadow database may hold extensions and an empty `public` schema, nothing else. The
    `baseline` files (the schema before the first migration) are run in it first.

    A database migwiz created is dropped on exit (also on Ctrl-C); an operator's database is emptied again.
    """
    if shadow_dsn:
        with operator_shadow(shadow_dsn) as shadow:
            apply_baseline(shadow.dsn, baseline)
            yield replace(shadow, baseline=tuple(baseline))
        return
    if not dsn:
        raise UsageError(
            f"{purpose} needs a database server for its shadow database",
            "pass --dsn (a shadow database is made on its server) or --shadow-dsn (an empty database)",
        )
    with scratch_database(dsn, prefix=shadow_prefix(purpose)) as made:
        apply_baseline(made, baseline)
        yield Shadow(made, describe(made), created=True, baseline=tuple(baseline))


def apply_baseline(dsn: str, files: Sequence[Path]) -> None:
    """Run the baseline SQL files, in order, in the database at `dsn` (each in one implicit transaction).

    The baseline is the schema the first migration expects, for migration sets that do not start from an
    empty database (a project adopted mid-life, the demo's shop).
    """
    if not files:
        return
    with connect(dsn, autocommit=True, purpose="baseline") as conn:
        for path in files:
            text = without_dump_meta(read_baseline_file(path))  # a pg_dump file's psql-only lines out
            try:
                conn.execute(text.encode())
            except psycopg.Error as exc:
                raise UsageError(
                    f"baseline {path} failed on the shadow database: {one_line(exc)}",
                    "the baseline must turn an empty database into what the first migration expects",
                ) from None


@contextmanager
def operator_shadow(shadow_dsn: str) -> Iterator[Shadow]:
    """The operator's (empty) shadow database; everything migwiz made in it is dropped on exit."""
    with connect(shadow_dsn, autocommit=True, purpose="shadow") as conn:
        before = read_schema(conn, exclude_schemas=())
    leftover = [
        o
        for o in before.objects
        if not (isinstance(o, Schema) and o.name == "public") and o.object_type != "extension"
    ]
    if leftover:
        first = leftover[0]
        raise UsageError(
            f"the shadow database {describe(shadow_dsn)} is not empty ({first.object_type} {first.name} "
            f"and {len(leftover) - 1} more objects)",
            "give --shadow-dsn an empty database: migwiz creates objects there and drops them afterwards",
        )
    try:
        yield Shadow(shadow_dsn, describe(shadow_dsn), created=False)
    finally:
        empty_database(shadow_dsn, before)


def empty_database(dsn: str, initial: SchemaModel) -> None:
    """Drop (CASCADE) every schema and top-level object of `dsn` that is not in `initial`."""
    with connect(dsn, autocommit=True, purpose="shadow cleanup") as conn:
        now = read_schema(conn, exclude_schemas=())
        known = initial.keyed()
        new_schemas = {
            o.name for o in now.objects if isinstance(o, Schema) and ("schema", o.name) not in known
        }
        statements: list[sql.Composed] = [
            sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.SQL(name)) for name in sorted(new_schemas)
        ]
        for obj in now.objects:
            kind = _DROP_KIND.get(obj.object_type)
            if kind is None or (obj.object_type, obj.name) in known:
                continue
            if getattr(obj, "partition_of", None) or getattr(obj, "owned_by", None):
                continue  # goes with its parent table
            statements.append(
                sql.SQL("DROP {} IF EXISTS {} CASCADE").format(sql.SQL(kind), sql.SQL(obj.name))
            )
        for obj in now.objects:
            if obj.object_type == "function" and ("function", obj.name) not in known:
                kind = "PROCEDURE" if getattr(obj, "kind", "") == "procedure" else "ROUTINE"
                statements.append(
                    sql.SQL("DROP {} IF EXISTS {} CASCADE").format(sql.SQL(kind), sql.SQL(obj.name))
                )
        for statement in statements:
            with contextlib.suppress(psycopg.errors.UndefinedObject, psycopg.errors.InvalidSchemaName):
                conn.execute(statement)


class PrivateShadowRunner(Runner):
    """The runner on a scratch database this process made for itself (the lean shadow mode): no other
    session works there, so it neither looks for a killed run's leftover sessions before each up or down
    nor asks the server which relations each statement will lock (the guard's targets); the scripts, their
    transactions and their history rows run exactly as `up` and `down` run them."""

    def settle_orphans(self) -> None:
        """Nothing to settle: no earlier run ever worked in this database."""

    def lock_targets(self, script: Script) -> tuple[tuple[LockTarget, ...], ...]:
        """No lock targets: no lock queue to wait outside of."""
        return tuple(() for _ in script.statements)


def shadow_runner(
    shadow: Shadow,
    mset: MigrationSet,
    log: EventLog,
    *,
    schema: str = DEFAULT_SCHEMA,
    lock_timeout_ms: int = 2000,
    private: bool = False,
) -> Runner:
    """A Runner on the shadow database that applies whatever it is given (out of order, no down needed),
    without the lock-queue guard's checks for other sessions' locks; `private` for a database this process
    made and works in alone (`PrivateShadowRunner`)."""
    policy = ExecutionPolicy(
        lock_timeout_ms=lock_timeout_ms, allow_irreversible=True, allow_out_of_order=True,
        guard=GuardPolicy(enabled=False),  # nobody else works in a shadow: no lock queue to watch for
    )  # fmt: skip
    kind = PrivateShadowRunner if private else Runner
    return kind(shadow.dsn, mset, log=log, schema=schema, policy=policy)


def replay(
    shadow: Shadow,
    mset: MigrationSet,
    migrations: list[Migration],
    log: EventLog,
    *,
    schema: str = DEFAULT_SCHEMA,
) -> RunReport:
    """Apply `migrations` on the shadow database in version order; a failure raises `MigwizError`."""
    subset = MigrationSet(mset.root, mset.layout, tuple(sorted(migrations, key=lambda m: m.version)))
    runner = shadow_runner(shadow, subset, log, schema=schema)
    try:
        report = runner.up()
    finally:
        runner.close()
    for outcome in report.outcomes:
        if outcome.failure is not None:
            raise MigwizError(
                f"replaying migration {outcome.version} on the shadow database failed: "
                f"{outcome.failure.describe()}",
                replay_hint(bool(shadow.baseline), outcome.failure.sqlstate),
            )
    return report


MISSING_OBJECT_STATES = frozenset({"42P01", "42703", "42704", "42883", "3F000"})
"""undefined table / column / object / function, invalid schema name: what a missing baseline causes."""


def replay_hint(has_baseline: bool, sqlstate: str | None) -> str:
    """Why replaying the files failed: a missing baseline when the shadow started empty and the migration
    expects an object nothing created, else files that no longer apply from scratch."""
    if not has_baseline and sqlstate in MISSING_OBJECT_STATES:
        return (
            "the shadow database started empty and no baseline is recorded for this database, so the objects"
            " the first migrations expect do not exist: record the schema before the first migration with"
            " `migwiz baseline FILE...` (or pass --baseline / set `baseline` in migwiz.toml)"
        )
    return "the files no longer apply from scratch: fix the migration (or its predecessors) first"


def copy_history(shadow: Shadow, history: list[HistoryRow], *, schema: str = DEFAULT_SCHEMA) -> None:
    """Write the target's successful history rows into the shadow's (fresh) migwiz schema."""
    with connect(shadow.dsn, autocommit=True, purpose="shadow") as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
        ensure_state(conn, schema)
        with conn.transaction():
            for row in history:
                if not row.success:
                    continue
                conn.execute(
                    sql.SQL(
                        "INSERT INTO {}.history (version, name, checksum, applied_at, os_user, host,"
                        " duration_ms, success, statements_done, phase) VALUES (%s, %s, %s, %s, %s, %s, %s,"
                        " true, %s, %s)"
                    ).format(sql.Identifier(schema)),
                    (
                        row.version,
                        row.name,
                        row.checksum,
                        row.applied_at,
                        row.os_user,
                        row.host,
                        row.duration_ms,
                        row.statements_done,
                        row.phase,
                    ),
                )


def read_model(dsn: str, *, schema: str = DEFAULT_SCHEMA) -> SchemaModel:
    """The schema model of `dsn` without migwiz's own schema."""
    with reading(dsn, purpose="schema reader", doing="reading the schema") as conn:
        return read_schema(conn, exclude_schemas=(schema,))
