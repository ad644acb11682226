"""Shown to run: the pending migrations dry-run on a shadow of the target's PostgreSQL major, cached.

`plan` calls a migration `safe` only when it ran there. Two ways, both through the same `Runner` as `up`:

- the major of the target itself (`plan` without `--pg-version`, or with the server's own major): a scratch
  database on the target's server gets the target's schema (`pg_dump --schema-only`), and the pending
  migrations run in it, in order, then it is dropped. The role needs CREATEDB;
- another major N (`--pg-version N`): a throw-away local server of major N (system or embedded, see
  `migwiz.engine.servers.local`) replays the whole chain of files up to the last pending one, from the
  baseline, since a schema dump of a newer server does not load into an older one.

The down scripts of an incident rollback (`plan_down`) are run the same way: on the copy of the target's
schema with its history, or after the replay of the chain, `down --to` as `migwiz down` runs it.

Each result is cached on disk, keyed by the major, what the shadow started from (the target database and
its schema fingerprint, `queries/plan_schema_fingerprint.sql`, or the baseline) and the chain of migration
checksums: a second `plan` of the same migrations on the same schema runs nothing. A failure is cached
too (the same files fail the same way on the same schema); a dry run that could not be made is not.

The shadow holds the schema, not the rows: a failure that depends on data (a NOT NULL over existing NULLs)
shows in `migwiz dry-run --sample-rows`, not here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import psycopg
from psycopg import sql

from migwiz import __version__
from migwiz.engine import queries
from migwiz.engine.errors import MigwizError, PermissionProblem, one_line
from migwiz.engine.history.state import read_history
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.failures import StatementFailure
from migwiz.engine.run.policy import RunReport
from migwiz.engine.servers.connect import connect, describe
from migwiz.engine.servers.local import find_binaries, start_server
from migwiz.engine.sets.model import Migration, MigrationSet, Version
from migwiz.engine.shadow.databases import (
    Shadow,
    apply_baseline,
    copy_history,
    shadow_database,
    shadow_runner,
)
from migwiz.engine.shadow.scratch import copy_schema
from migwiz.engine.shadow.snapshots import chain_keys, root_key

ProofState = Literal["ran", "failed", "not_run", "unverified"]
Source = Literal["dry-run", "cache", "none"]
SCHEMA_LOCK_WAIT = "1s"
"""`plan` copies the target's schema only if no session holds a table lock for longer than this (the
plan itself shows that session as a blocker)."""
_FORMAT = "1"
KEEP = 500
"""Cached results kept (the least recently written beyond this are removed)."""


@dataclass(frozen=True)
class MigrationProof:
    """Whether one pending migration ran on the shadow, and PostgreSQL's error when it did not."""

    version: str
    state: ProofState
    failure: StatementFailure | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"version": self.version, "state": self.state,
                "failure": self.failure.to_json() if self.failure else None}  # fmt: skip


@dataclass(frozen=True)
class Proof:
    """The dry run behind `plan`'s verdicts: on which major and server, fresh or from the cache."""

    major: int
    source: Source
    where: str = ""
    """The shadow's server, without secrets ("" when no dry run could be made)."""
    why: str = ""
    """Why the migrations are not shown to run (one line), when no dry run could be made."""
    hint: str = ""
    """What would make the dry run possible."""
    migrations: Mapping[str, MigrationProof] = field(default_factory=dict)
    seconds: float = 0.0
    key: str = ""

    def of(self, version: str) -> MigrationProof:
        """The proof of one pending migration (unverified when the dry run did not cover it)."""
        return self.migrations.get(version) or MigrationProof(version, "unverified")

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "major": self.major, "source": self.source, "where": self.where, "why": self.why or None,
            "hint": self.hint or None,
            "seconds": round(self.seconds, 3), "key": self.key,
            "migrations": [m.to_json() for m in self.migrations.values()],
        }  # fmt: skip


def cache_dir() -> Path | None:
    """Where dry-run results are kept (`$MIGWIZ_CACHE_DIR/plan`, else the XDG cache); None when off."""
    chosen = os.environ.get("MIGWIZ_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen) / "plan"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "migwiz" / "plan"
    try:
        return Path.home() / ".cache" / "migwiz" / "plan"
    except RuntimeError:
        return None


def proof_key(
    major: int, start: str, schema: str, chain: Sequence[Migration], downs: Sequence[Migration] = ()
) -> str:
    """The cache key: migwiz's version, the major, where the shadow started, the chain of checksums (and
    the text of the down scripts run after it, if any)."""
    root = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{major}\0{start}\0{schema}".encode())
    for m in downs:
        root.update(f"down\0{m.version}\0".encode())
        for stmt in m.down.statements if m.down is not None else ():
            root.update(stmt.sql.encode() + b"\0")
    keys = chain_keys(root.hexdigest()[:32], chain)
    return keys[-1] if keys else root.hexdigest()[:32]


def _load(key: str) -> Proof | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"{key}.json").read_text())
        migrations = {
            m["version"]: MigrationProof(m["version"], m["state"], _failure(m["failure"]))
            for m in data["migrations"]
        }
        why, hint = str(data.get("why") or ""), str(data.get("hint") or "")
        return Proof(int(data["major"]), "cache", str(data["where"]), why, hint, migrations, 0.0, key)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _failure(data: Mapping[str, Any] | None) -> StatementFailure | None:
    if not data:
        return None
    return StatementFailure(
        str(data["path"]), int(data["line"]), int(data["statement"]) - 1, data.get("sqlstate"),
        str(data["message"]), column=data.get("column"), detail=data.get("detail"), hint=data.get("hint"),
    )  # fmt: skip


def _save(proof: Proof) -> None:
    folder = cache_dir()
    if folder is None or proof.source != "dry-run":
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{proof.key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(proof.to_json()))
        tmp.replace(folder / f"{proof.key}.json")
        kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in kept[KEEP:]:
            stale.unlink(missing_ok=True)


def prove(
    dsn: str,
    mset: MigrationSet,
    pending: Sequence[Migration],
    *,
    major: int,
    server_major: int,
    schema: str,
    baseline: Sequence[Path] = (),
    extensions: Sequence[str] = (),
    down_to: Version | None = None,
    label: str | None = None,
) -> Proof:
    """Dry-run `pending` (in order) on a shadow of PostgreSQL `major`, or take the cached result.
    `label` names the target in the cache key instead of its address (a throw-away local database).
    `extensions` (the target's) are created in a local server's shadow before the replay. With `down_to`,
    `pending` are the applied migrations `down --to down_to` reverts, and their down scripts are run."""
    if not pending:
        return Proof(major, "none")
    if major == server_major:
        return _on_target(dsn, mset, pending, major, schema, down_to, label or describe(dsn))
    return _on_local(mset, pending, major, schema, baseline, extensions, down_to)


def _unverified(major: int, why: str, key: str, hint: str = "") -> Proof:
    return Proof(
        major, "none", why=why, key=key, hint=hint or f"run `migwiz dry-run` on a PostgreSQL {major} server"
    )


def _on_target(
    dsn: str,
    mset: MigrationSet,
    pending: Sequence[Migration],
    major: int,
    schema: str,
    down_to: Version | None,
    label: str,
) -> Proof:
    with connect(dsn, autocommit=True, purpose="plan fingerprint") as conn:
        row = conn.execute(queries.load("plan_schema_fingerprint")).fetchone()
        history = read_history(conn, schema) if down_to is not None else []
    start = f"target\0{label}\0{row[0] if row else ''}"
    if down_to is None:
        key = proof_key(major, start, schema, pending)
    else:  # what the downs revert is the history: its versions and checksums are part of the start
        start += "".join(f"\0{h.version}:{h.checksum}:{h.success}" for h in history)
        key = proof_key(major, start, schema, (), pending)
    cached = _load(key)
    if cached is not None:
        return cached
    started = time.perf_counter()
    try:
        with shadow_database(dsn, purpose="plan") as shadow:
            copy_schema(dsn, shadow.dsn, lock_wait=SCHEMA_LOCK_WAIT)
            if down_to is None:
                states = _run(shadow, mset, pending, schema)
            else:
                copy_history(shadow, history, schema=schema)
                states = _run(shadow, mset, pending, schema, down_to)
    except PermissionProblem:
        why = f"the role cannot create a scratch database on {describe(dsn)} (needs CREATEDB) for the dry run"
        return _unverified(
            major,
            why,
            key,
            "grant CREATEDB to the role, or run `migwiz dry-run --shadow-dsn` with an empty database",
        )
    except (MigwizError, psycopg.Error) as exc:
        return _unverified(major, f"the dry run could not be set up: {one_line(exc)}", key)
    proof = Proof(major, "dry-run", describe(dsn), "", "", states, time.perf_counter() - started, key)
    _save(proof)
    return proof


def _on_local(
    mset: MigrationSet,
    pending: Sequence[Migration],
    major: int,
    schema: str,
    baseline: Sequence[Path],
    extensions: Sequence[str],
    down_to: Version | None,
) -> Proof:
    last = max(m.version for m in pending)
    chain = sorted((m for m in mset.migrations if m.version <= last), key=lambda m: m.version)
    start = f"files\0{root_key(schema, baseline)}\0{','.join(sorted(extensions))}"
    key = proof_key(major, start, schema, chain, pending if down_to is not None else ())
    cached = _load(key)
    if cached is not None:
        return cached
    binaries = find_binaries(major)
    if binaries is None:
        why = f"no local PostgreSQL {major} server to dry-run on"
        hint = f"install PostgreSQL {major} where migwiz runs, or plan against a PostgreSQL {major} server"
        return _unverified(major, why, key, hint)
    started = time.perf_counter()
    try:
        server = start_server(binaries)
    except (MigwizError, OSError) as exc:
        return _unverified(major, f"the local PostgreSQL {major} did not start: {one_line(exc)}", key)
    wanted = {str(m.version) for m in pending}
    try:
        with shadow_database(server.dsn(), purpose="plan") as shadow:
            _create_extensions(shadow.dsn, extensions)
            apply_baseline(shadow.dsn, baseline)
            states = _run(shadow, mset, chain, schema)
            # the ups of the chain: for downs, every one is already applied on the target
            broken = next(
                (s for v, s in states.items() if s.state != "ran" and (down_to or v not in wanted)), None
            )
            if broken is None and down_to is not None:
                states = _run(shadow, mset, pending, schema, down_to)
    except (MigwizError, psycopg.Error) as exc:
        return _unverified(major, f"the dry run could not be set up: {one_line(exc)}", key)
    finally:
        server.stop("immediate")
    where = f"a local PostgreSQL {major} ({binaries.source})"
    if broken is not None:  # an already applied migration does not run there: nothing after it is shown
        failure = f": {broken.failure.message}" if broken.failure else ""
        why = f"migration {broken.version} (applied before it) does not run on PostgreSQL {major}{failure}"
        hint = f"that migration needs a newer PostgreSQL than {major}"
        proof = Proof(major, "dry-run", where, why, hint, {}, time.perf_counter() - started, key)
        _save(proof)  # the same files fail the same way: cached too
        return proof
    states = {v: states[v] for v in wanted}
    proof = Proof(major, "dry-run", where, "", "", states, time.perf_counter() - started, key)
    _save(proof)
    return proof


def _create_extensions(dsn: str, names: Sequence[str]) -> None:
    """The target's extensions, where this build has them (a migration needing a missing one then fails
    with PostgreSQL's own error)."""
    with connect(dsn, autocommit=True, purpose="plan shadow") as conn:
        for name in names:
            with contextlib.suppress(psycopg.Error):
                conn.execute(
                    sql.SQL("CREATE EXTENSION IF NOT EXISTS {} CASCADE").format(sql.Identifier(name))
                )


def _run(
    shadow: Shadow,
    mset: MigrationSet,
    migrations: Sequence[Migration],
    schema: str,
    down_to: Version | None = None,
) -> dict[str, MigrationProof]:
    """Apply `migrations` in order on the shadow (with `down_to`: revert down to it); each one's state
    (those after a failure: not_run)."""
    subset = MigrationSet(mset.root, mset.layout, tuple(sorted(migrations, key=lambda m: m.version)))
    runner = shadow_runner(
        shadow, mset if down_to is not None else subset, EventLog(), schema=schema, private=True
    )
    try:
        report = runner.up() if down_to is None else runner.down(down_to)
    except MigwizError as exc:  # refused before anything ran (transaction control, ...)
        raise MigwizError(f"refused: {exc.message}") from None
    finally:
        runner.close()
    return _states(report, subset.migrations)


def _states(report: RunReport, migrations: Sequence[Migration]) -> dict[str, MigrationProof]:
    outcomes = {str(o.version): o for o in report.outcomes}
    out: dict[str, MigrationProof] = {}
    for m in migrations:
        o = outcomes.get(str(m.version))
        if o is None:
            out[str(m.version)] = MigrationProof(str(m.version), "not_run")
        elif o.result == "failed":  # "applied" or "reverted" otherwise
            out[str(m.version)] = MigrationProof(str(m.version), "failed", o.failure)
        else:
            out[str(m.version)] = MigrationProof(str(m.version), "ran")
    return out
