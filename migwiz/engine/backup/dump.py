"""A verified `pg_dump -Fc` before migrating: of the tables pending migrations touch, or of everything.

Plan (which tables), take (pg_dump matching the server, progress polled from the file size), verify
(`pg_restore --list` lists every expected table, size > 0, sha256), record (the central log).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import psycopg

from migwiz.engine import queries
from migwiz.engine.analysis import lint_migration_set, read_catalog_facts
from migwiz.engine.backup.check import BackupReport
from migwiz.engine.errors import MigwizError, UsageError
from migwiz.engine.history.state import DEFAULT_SCHEMA, read_history
from migwiz.engine.history.status import compute_status
from migwiz.engine.log.backup_events import DumpNoted, DumpStarted, DumpToolNewer, DumpVerified, PitrChecked
from migwiz.engine.log.eventlog import Run
from migwiz.engine.run.notes import RunErrored
from migwiz.engine.servers.connect import connect, scrub
from migwiz.engine.servers.pgtools import ClientProgram, find_client, libpq_invocation
from migwiz.engine.sets.model import MigrationSet

TableMode = Literal["auto", "all"]
POLL_S = 0.1
LOCK_WAIT = "30s"
"""pg_dump gives up instead of waiting longer than this for a table lock (another session's DDL)."""
_SAFE_FILE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class TableRef:
    """A table to back up, by schema and name (kind as pg_class.relkind: r, p or m)."""

    schema: str
    name: str
    kind: str = "r"

    @property
    def qualified(self) -> str:
        """`schema.name`, as people read it."""
        return f"{self.schema}.{self.name}"

    def pattern(self) -> str:
        """A pg_dump `--table` pattern matching exactly this table (quoted: no case folding, no wildcards)."""
        return f'"{_pattern_part(self.schema)}"."{_pattern_part(self.name)}"'


def _pattern_part(name: str) -> str:
    """One name for a pg_dump pattern inside double quotes, where `*`, `?` and `.` are literal.

    >>> _pattern_part('we"ird*.name')
    'we""ird*.name'
    """
    return name.replace('"', '""')


@dataclass(frozen=True)
class DumpPlan:
    """What a dump will contain: the whole database, or the listed tables (and nothing when empty)."""

    mode: TableMode
    tables: tuple[TableRef, ...]
    server_major: int
    dbname: str
    migrations: tuple[str, ...] = ()
    """Labels of the pending migrations the tables come from (auto)."""
    notes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to dump: `auto` found no existing table the pending migrations touch."""
        return self.mode == "auto" and not self.tables


@dataclass(frozen=True)
class DumpProgress:
    """Bytes written so far (polled from the output file) while pg_dump runs."""

    bytes_written: int
    elapsed_s: float
    done: bool = False


@dataclass(frozen=True)
class DumpResult:
    """A dump that was taken and verified."""

    path: Path
    size: int
    sha256: str
    mode: TableMode
    tables: tuple[TableRef, ...]
    pg_dump: ClientProgram
    server_major: int
    elapsed_s: float
    toc_entries: int
    run_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The `--json` shape (never the DSN)."""
        return {
            "file": str(self.path),
            "size": self.size,
            "sha256": self.sha256,
            "mode": self.mode,
            "tables": [t.qualified for t in self.tables],
            "pg_dump": {"path": str(self.pg_dump.path), "version": self.pg_dump.version},
            "server_major": self.server_major,
            "elapsed_s": round(self.elapsed_s, 3),
            "toc_entries": self.toc_entries,
            "run_id": self.run_id,
        }


def plan_dump(
    dsn: str, mode: TableMode, mset: MigrationSet | None = None, *, schema: str = DEFAULT_SCHEMA
) -> DumpPlan:
    """Which tables to dump: those the pending migrations lock, rewrite or scan (auto), or all of them.

    Tables only read (AccessShareLock alone) are left out in auto mode; relations the migrations create
    do not exist yet and are not dumped. Partitions of a touched partitioned table are included.
    """
    with connect(dsn, autocommit=True, purpose="backup-check") as conn:
        major = conn.info.server_version // 10000
        dbname = conn.info.dbname
        if mode == "all":
            return DumpPlan("all", _tables(conn, queries.load_sql("backup_all_tables"), {}), major, dbname)
        if mset is None:
            raise UsageError("--tables auto needs the migration folder", "pass --dir, or use --tables all")
        applied = read_history(conn, schema)
        waiting = tuple(
            s.migration
            for s in compute_status(mset, applied)
            if s.state in ("pending", "failed") and s.migration is not None
        )
        if not waiting:
            return DumpPlan("auto", (), major, dbname, notes=("no pending migrations",))
        report = lint_migration_set(
            MigrationSet(mset.root, mset.layout, waiting), pg_version=major, catalog=read_catalog_facts(conn)
        )
        names: set[str] = set()
        notes: list[str] = []
        ups = {m.up.path for m in waiting}
        for script in report.files:
            if script.path not in ups:
                continue
            for st in script.statements:
                if st.parse_error:
                    notes.append(
                        f"{script.path.name}:{st.statement.line} could not be analysed, so the tables it "
                        "touches may be missing: use --tables all"
                    )
                names.update(lock.relation for lock in st.own_locks if lock.mode != "AccessShareLock")
                names.update(st.rewrites)
                names.update(st.scans)
        split = [_split(n) for n in sorted(names)]
        params = {"schemas": [s for s, _ in split], "names": [n for _, n in split]}
        tables = _tables(conn, queries.load_sql("backup_tables"), params)
        labels = tuple(m.label for m in waiting)
        return DumpPlan("auto", tables, major, dbname, labels, tuple(notes))


def _split(qualified: str) -> tuple[str, str]:
    schema, _, name = qualified.partition(".")
    return (schema, name) if name else ("public", schema)


def _tables(conn: psycopg.Connection[Any], query: Any, params: dict[str, Any]) -> tuple[TableRef, ...]:
    return tuple(TableRef(str(r[0]), str(r[1]), str(r[2])) for r in conn.execute(query, params or None))


def dump_file_name(plan: DumpPlan, at: datetime) -> str:
    """`<db>-<UTC time>-<mode>.dump`, safe as a file name.

    >>> dump_file_name(DumpPlan("auto", (), 16, "my app"), datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))
    'my_app-20250102T030405Z-auto.dump'
    """
    db = _SAFE_FILE.sub("_", plan.dbname).strip("._") or "db"
    return f"{db}-{at:%Y%m%dT%H%M%SZ}-{plan.mode}.dump"


def take_dump(
    dsn: str,
    plan: DumpPlan,
    out_dir: Path,
    *,
    progress: Callable[[DumpProgress], None] | None = None,
    pg_dump: ClientProgram | None = None,
) -> DumpResult:
    """Run `pg_dump -Fc` into a new file in `out_dir`, report progress, then verify the file.

    Uses the pg_dump of the server's major version, or the oldest newer one when that is missing. The
    file is created readable by its owner only; it is deleted when pg_dump or the verification fails.
    """
    if plan.empty:
        raise UsageError("nothing to dump: the pending migrations touch no existing table")
    tool = pg_dump or find_client("pg_dump", plan.server_major, newer_ok=True)
    if tool.major < plan.server_major:
        raise UsageError(
            f"{tool.describe()} is older than the server ({plan.server_major})",
            f"use pg_dump {plan.server_major} or newer",
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / dump_file_name(plan, datetime.now(UTC))
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    conn_args, env = libpq_invocation(dsn, application_name="migwiz backup-check")
    args = [
        str(tool.path), "--format=custom", "--no-password", f"--lock-wait-timeout={LOCK_WAIT}",
        "--file", str(path), *conn_args,
    ]  # fmt: skip
    if plan.mode == "auto":
        args.append("--strict-names")
        for table in plan.tables:
            args += ["--table", table.pattern()]
    started = time.monotonic()
    try:
        _run_with_progress(args, env, path, progress, started)
        result = verify_dump(path, plan, tool)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return DumpResult(
        path=path,
        size=result[0],
        sha256=result[1],
        mode=plan.mode,
        tables=plan.tables,
        pg_dump=tool,
        server_major=plan.server_major,
        elapsed_s=time.monotonic() - started,
        toc_entries=result[2],
    )


def _run_with_progress(
    args: list[str],
    env: dict[str, str],
    path: Path,
    progress: Callable[[DumpProgress], None] | None,
    started: float,
) -> None:
    with subprocess.Popen(
        args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as proc:
        try:
            while True:
                try:
                    proc.wait(timeout=POLL_S)
                    break
                except subprocess.TimeoutExpired:
                    if progress is not None:
                        progress(DumpProgress(_size(path), time.monotonic() - started))
        except BaseException:
            proc.kill()
            raise
        stderr = proc.stderr.read() if proc.stderr else ""
    if progress is not None:
        progress(DumpProgress(_size(path), time.monotonic() - started, done=True))
    if proc.returncode != 0:
        if "LOCK TABLE" in stderr and ("statement timeout" in stderr or "could not obtain lock" in stderr):
            raise MigwizError(
                f"pg_dump gave up after waiting {LOCK_WAIT} for a lock another session holds on a table",
                "find the holder in pg_locks and pg_stat_activity, then retry when that session is done",
            )
        detail = _first_error(scrub(stderr)) or f"exit status {proc.returncode}"
        raise MigwizError(
            f"pg_dump failed: {detail}",
            "check that this role may read every table to dump (and its sequences)",
        )


def _first_error(stderr: str) -> str | None:
    """The first `error:` line of a client program's stderr, without its prefix (else the last line).

    >>> _first_error("pg_dump: error: query failed: boom\\npg_dump: detail: Query was: LOCK TABLE t")
    'query failed: boom'
    """
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    for line in lines:
        _, sep, rest = line.partition("error: ")
        if sep:
            return rest
    return lines[-1] if lines else None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def verify_dump(path: Path, plan: DumpPlan, pg_dump: ClientProgram) -> tuple[int, str, int]:
    """Check a dump: size > 0, `pg_restore --list` succeeds and lists every expected table.

    Returns (size, sha256, table-of-contents entries). Raises `MigwizError` saying what is wrong.
    """
    size = _size(path)
    if size == 0:
        raise MigwizError(f"dump {path} is empty")
    restore = pg_dump.sibling("pg_restore")
    listed = subprocess.run(
        [str(restore.path), "--list", str(path)], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        detail = _first_error(listed.stderr) or f"exit status {listed.returncode}"
        raise MigwizError(f"pg_restore --list cannot read {path}: {detail}")
    entries = [line for line in listed.stdout.splitlines() if line and not line.startswith(";")]
    missing = [t.qualified for t in plan.tables if not _listed(entries, t)]
    if missing:
        raise MigwizError(
            f"dump {path} lacks {len(missing)} expected table(s): {', '.join(missing[:5])}",
            "the role may not see them, or they were dropped while dumping",
        )
    return size, sha256_of(path), len(entries)


def _listed(entries: Iterable[str], table: TableRef) -> bool:
    """A TOC line `id; oid oid <DESC> <schema> <name> <owner>` for this table (data for ordinary tables)."""
    desc = {"r": "TABLE DATA", "p": "TABLE", "m": "MATERIALIZED VIEW"}.get(table.kind, "TABLE")
    wanted = f" {desc} {table.schema} {table.name} "
    return any(wanted in entry + " " for entry in entries)


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_dump(
    dsn: str,
    plan: DumpPlan,
    out_dir: Path,
    *,
    schema: str = DEFAULT_SCHEMA,
    progress: Callable[[DumpProgress], None] | None = None,
    log_file: Path | None = None,
    check: BackupReport | None = None,
) -> DumpResult:
    """Take and verify a dump (`take_dump`), recorded as a `backup-check` run in the central log.

    The log gets the file, its size and sha256, the tables and the pg_dump used; never the DSN.
    """
    run = Run(dsn, schema, "backup-check", log_file=log_file)
    log = run.log
    if check is not None:
        log.write(PitrChecked(check.verdict, tuple(r.text for r in check.reasons)))
    tables = tuple(t.qualified for t in plan.tables)
    log.write(DumpStarted(_what(plan), plan.mode, tables, tuple(plan.migrations)))
    for note in plan.notes:
        log.write(DumpNoted(note))
    outcome = "failed"
    try:
        result = take_dump(dsn, plan, out_dir, progress=progress)
        used = result.pg_dump
        if used.major != plan.server_major:
            log.write(DumpToolNewer(plan.server_major, used.describe()))
        log.write(
            DumpVerified(
                str(result.path), result.path.name, result.size, result.sha256,
                tuple(t.qualified for t in result.tables), str(used.path), used.version, result.toc_entries,
            )
        )  # fmt: skip
        outcome = "success"
    except MigwizError as exc:
        log.write(RunErrored("dump", exc.message, exc.hint))
        raise
    finally:
        run.finish(outcome)
    return replace(result, run_id=run.run_id)


def _what(plan: DumpPlan) -> str:
    if plan.mode == "all":
        return f"the whole database {plan.dbname}"
    return f"{len(plan.tables)} table(s) the pending migrations touch"
