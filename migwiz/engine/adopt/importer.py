"""`migwiz adopt --from <tool>`: import another tool's history into migwiz's, leaving theirs untouched.

Each migration the tool applied gets a migwiz history row carrying the file's current checksum; the
adoption is a recorded run in the central log (who, where, when, from which table). Until a database is
adopted, `status` reads the other tool's history and `up` refuses to run everything a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine.adopt.model import Applied, ForeignSource, Resolution
from migwiz.engine.adopt.tools import TOOLS, find_sources, source_for
from migwiz.engine.errors import MigwizError, StateMismatch, UsageError
from migwiz.engine.history import applied_scripts
from migwiz.engine.history.state import DEFAULT_SCHEMA, read_history
from migwiz.engine.history.status import MigrationStatus
from migwiz.engine.log.adopt_events import (
    AdoptDone,
    AdoptedFileDiffers,
    AdoptNoted,
    AdoptStarted,
    MigrationAdopted,
)
from migwiz.engine.log.eventlog import Run
from migwiz.engine.run.migration_lock import MigrationLock
from migwiz.engine.run.notes import RunErrored
from migwiz.engine.servers.connect import connect
from migwiz.engine.servers.readers import reading
from migwiz.engine.sets.model import MigrationSet


@dataclass(frozen=True)
class AdoptReport:
    """What `adopt` did (or, on a dry run, would do)."""

    tool: str
    source: str
    adopted: tuple[Applied, ...]
    already: tuple[str, ...]
    pending: tuple[str, ...]
    notes: tuple[str, ...] = ()
    run_id: str | None = None
    dry_run: bool = False

    @property
    def checksum_mismatches(self) -> tuple[str, ...]:
        """Versions whose file differs from what the tool recorded when it ran it."""
        return tuple(str(a.migration.version) for a in self.adopted if a.checksum_matches is False)

    def to_json(self) -> dict[str, Any]:
        """The `adopt --json` shape."""
        return {
            "tool": self.tool,
            "source": self.source,
            "dry_run": self.dry_run,
            "run_id": self.run_id,
            "adopted": [
                {
                    "version": str(a.migration.version),
                    "name": a.migration.name,
                    "checksum": a.migration.checksum,
                    "applied_at": a.row.applied_at.isoformat() if a.row.applied_at else None,
                    "tool_checksum_matches": a.checksum_matches,
                    "note": a.note,
                }
                for a in self.adopted
            ],
            "already": list(self.already),
            "pending": list(self.pending),
            "checksum_mismatches": list(self.checksum_mismatches),
            "notes": list(self.notes),
        }


def _resolve(
    conn: psycopg.Connection[Any], mset: MigrationSet, tool: str, table: str | None
) -> tuple[ForeignSource, Resolution]:
    source = source_for(conn, tool, table)
    spec = TOOLS[source.tool]
    return source, spec.resolve(spec.read(conn, source), mset)


def _check_adoptable(source: ForeignSource, resolution: Resolution) -> None:
    if resolution.blocked:
        first = resolution.blocked[0]
        raise StateMismatch(
            f"cannot adopt from {source.tool} ({source.qualified}): {first.reason}",
            f"settle it with {source.tool} first (its history must record only finished migrations)",
        )
    if resolution.unmatched:
        labels = ", ".join(r.label for r in resolution.unmatched[:5])
        raise StateMismatch(
            f"{source.tool} recorded {len(resolution.unmatched)} applied migration(s) with no file here:"
            f" {labels}",
            f"point --dir at the folder {source.tool} uses (every applied migration needs its file)",
        )


def adopt(
    dsn: str,
    mset: MigrationSet,
    tool: str,
    *,
    schema: str = DEFAULT_SCHEMA,
    table: str | None = None,
    dry_run: bool = False,
    log_file: Path | None = None,
) -> AdoptReport:
    """Import `tool`'s history of the database at `dsn` into migwiz's history; idempotent.

    Only migrations not yet in migwiz's history get a row; the tool's own tables are only read. A dirty
    or failed row in the tool's history, or an applied migration without a file, stops the adoption
    before anything is written.
    """
    with connect(dsn, autocommit=True, purpose="adopt") as conn:
        source, resolution = _resolve(conn, mset, tool, table)
        _check_adoptable(source, resolution)
        history = {mset.version(h.version): h for h in read_history(conn, schema)}
    unfinished = [h.version for h in history.values() if not h.success]
    if unfinished:
        raise StateMismatch(
            f"migwiz's history has unfinished migration(s) {', '.join(unfinished)}",
            "settle them with `migwiz up --resolve` or `migwiz down` before adopting",
        )
    new = tuple(a for a in resolution.applied if a.migration.version not in history)
    already = tuple(str(a.migration.version) for a in resolution.applied if a.migration.version in history)
    done = {a.migration.version for a in resolution.applied} | set(history)
    pending = tuple(str(m.version) for m in mset.migrations if m.version not in done)
    report = AdoptReport(
        source.tool, source.qualified, new, already, pending, resolution.notes, dry_run=dry_run
    )
    if dry_run:
        return report
    with MigrationLock(dsn, schema):
        run = Run(dsn, schema, "adopt", log_file=log_file)
        outcome = "failed"
        try:
            _record(run, dsn, schema, source, report)
            outcome = "success"
        except MigwizError as exc:
            run.log.write(RunErrored("adopt", exc.message, exc.hint))
            raise
        finally:
            run.finish(outcome, tool=source.tool, table=source.qualified,
                       adopted=[str(a.migration.version) for a in new])  # fmt: skip
    return AdoptReport(
        source.tool, source.qualified, new, already, pending, resolution.notes, run_id=run.run_id
    )


def _record(run: Run, dsn: str, schema: str, source: ForeignSource, report: AdoptReport) -> None:
    log = run.log
    log.write(AdoptStarted(source.tool, source.qualified))
    insert = sql.SQL(
        "INSERT INTO {}.history (version, name, checksum, applied_at, db_user, duration_ms, run_id, success,"
        " statements_done, phase) VALUES (%s, %s, %s, COALESCE(%s, clock_timestamp()),"
        " COALESCE(%s, current_user), %s, %s, true, %s, %s)"
    ).format(sql.Identifier(schema))
    with connect(dsn, purpose="adopt") as conn, conn.transaction():
        for a in report.adopted:
            m = a.migration
            db_user = a.row.applied_by if source.tool == "flyway" else None
            conn.execute(
                insert,
                (str(m.version), m.name, m.checksum, a.row.applied_at, db_user, a.row.duration_ms, run.run_id,
                 len(m.up.statements), m.up.directives.phase),
            )  # fmt: skip
            if a.checksum_matches:  # a Flyway repeatable whose file is what Flyway ran: kept for drift
                applied_scripts.save(conn, schema, m)
    for a in report.adopted:
        m = a.migration
        how = a.note or "per " + source.tool
        log.write(MigrationAdopted(str(m.version), m.label, how, a.row.to_json(), m.checksum))
        if a.checksum_matches is False:
            log.write(AdoptedFileDiffers(str(m.version), m.label, source.tool))
    for note in report.notes:
        log.write(AdoptNoted(note))
    adopted = tuple(str(a.migration.version) for a in report.adopted)
    log.write(AdoptDone(source.tool, source.qualified, adopted, len(report.already), len(report.pending)))


@dataclass(frozen=True)
class ForeignState:
    """A database whose migrations another tool tracks and migwiz has not adopted yet."""

    source: ForeignSource
    statuses: list[MigrationStatus]
    others: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    layout: str = ""
    """The set's layout, as detected or configured."""

    def warning(self) -> str:
        """One line for a screen or report that migrates (Target, `plan`, Impact, the dry run): the tool,
        its table, what it applied, and the command to run first."""
        tool, applied = self.source.tool, sum(1 for s in self.statuses if s.state == "applied")
        return (
            f"{tool} keeps this database's history ({self.source.qualified}: {applied} of"
            f" {len(self.statuses)} applied): `migwiz adopt --from {tool}` before migrating"
        )

    def hint(self) -> str:
        """Two lines for the operator: what was found and what to run (a third when sqlx's table finds
        its reversible files read as golang-migrate's, whose names they share)."""
        layout = (
            "\nhint: sqlx keeps this history, so its .up.sql / .down.sql files are sqlx's:"
            ' set layout = "sqlx" in migwiz.toml or pass --layout sqlx (they are read as'
            " golang-migrate's, which runs them without sqlx's `-- no-transaction`)"
            if self.source.tool == "sqlx" and self.layout == "native"
            else ""
        )
        applied = sum(1 for s in self.statuses if s.state == "applied")
        also = f" (also found: {', '.join(self.others)})" if self.others else ""
        return (
            f"migwiz has no history here, but {self.source.tool} does ({self.source.qualified}){also}: "
            f"{applied} of {len(self.statuses)} migrations applied per its history\n"
            f"hint: run `migwiz adopt --from {self.source.tool}` to import it"
            f" ({self.source.tool}'s table is left untouched)" + layout
        )


def foreign_state(dsn: str, mset: MigrationSet, *, schema: str = DEFAULT_SCHEMA) -> ForeignState | None:
    """The files' states according to another tool's history, when migwiz has none here (read-only)."""
    with reading(dsn, purpose="status") as conn:
        if read_history(conn, schema):
            return None
        sources = find_sources(conn)
        if not sources:
            return None
        source = sources[0]
        others = tuple(dict.fromkeys(s.tool for s in sources[1:] if s.tool != source.tool))
        try:
            _, resolution = _resolve(conn, mset, source.tool, source.qualified)
        except UsageError as exc:
            resolution = Resolution((), notes=(exc.message,))
    statuses = foreign_statuses(source.tool, resolution, mset)
    return ForeignState(source, statuses, others, resolution.notes, mset.layout)


def foreign_statuses(tool: str, resolution: Resolution, mset: MigrationSet) -> list[MigrationStatus]:
    """Each file's state per the other tool's history (pure)."""
    applied = {a.migration.version: a for a in resolution.applied}
    blocked = {b.migration.version: b for b in resolution.blocked if b.migration is not None}
    out: list[MigrationStatus] = []
    for m in mset.migrations:
        has_down = m.down is not None
        if m.version in blocked:
            out.append(
                MigrationStatus(m.version, m.name, "failed", has_down, m, None, blocked[m.version].reason)
            )
        elif m.version in applied:
            note = applied[m.version].note
            detail = f"applied by {tool}, not adopted yet" + (f" ({note})" if note else "")
            out.append(MigrationStatus(m.version, m.name, "applied", has_down, m, None, detail))
        else:
            out.append(MigrationStatus(m.version, m.name, "pending", has_down, m, None))
    for row in resolution.unmatched:
        out.append(
            MigrationStatus(
                mset.version(row.version or row.name or "0"),
                row.name or "",
                "missing_file",
                False,
                None,
                None,
                f"applied by {tool}, but its file is not here",
            )
        )
    out.sort(key=lambda s: s.version)
    return out


def ensure_adopted(conn: psycopg.Connection[Any], schema: str = DEFAULT_SCHEMA) -> None:
    """Refuse to migrate a database whose history another tool keeps and migwiz has not adopted.

    Without this, `up` would run every migration that tool already applied a second time.
    """
    if read_history(conn, schema):
        return
    for source in find_sources(conn):
        if TOOLS[source.tool].read(conn, source):
            raise UsageError(
                f"this database's migrations are tracked by {source.tool} ({source.qualified}),"
                " not by migwiz: migwiz would apply them a second time",
                f"run `migwiz adopt --from {source.tool}` first (`migwiz status` shows what it will import)",
            )
