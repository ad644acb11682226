"""Where each migration stands: the files joined with the history in the database."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from migwiz.engine.history.standing import BackfillFacts, Standing, StopFact, derive
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.sets.model import Migration, MigrationSet, Version

State = Literal["applied", "pending", "failed", "checksum_mismatch", "missing_file"]


@dataclass(frozen=True)
class MigrationStatus:
    """One migration's state, from its file and its history row."""

    version: Version
    name: str
    state: State
    has_down: bool
    migration: Migration | None
    history: HistoryRow | None
    detail: str | None = None
    transaction: bool | None = None
    """Whether the up runs in one transaction (None: not known, or migwiz refuses to run it)."""
    transaction_note: str | None = None
    """Why it runs without a transaction, or why migwiz refuses it (engine/transactions.py)."""
    backfill: BackfillFacts | None = None
    """The stored backfill of a `-- migwiz:backfill` migration (None: none, or not read)."""
    stop: StopFact | None = None
    """The central log's stop of this part-applied migration (None: none, a failure came last, not read)."""

    @property
    def standing(self) -> Standing:
        """Where it stands for the operator (engine/standing.py): the one story every view tells."""
        return derive(self.state, self.history, self.migration, self.backfill, self.detail, self.stop)

    @property
    def applied_at(self) -> datetime | None:
        """When it was applied (None when it was not)."""
        return self.history.applied_at if self.history and self.history.success else None

    def to_json(self) -> dict[str, Any]:
        """The `--json` shape: version, name, state (its standing), has_down, applied_at, detail."""
        standing = self.standing
        return {
            "version": str(self.version),
            "name": self.name,
            "state": standing.state,
            "percent": standing.percent,
            "resumable": standing.resumable,
            "has_down": self.has_down,
            "applied_at": self.applied_at.isoformat() if self.applied_at else None,
            "phase": self.migration.up.directives.phase if self.migration else None,
            "detail": standing.text or self.detail,
            "transaction": self.transaction,
            "transaction_note": self.transaction_note,
        }


def compute_status(
    mset: MigrationSet,
    history: list[HistoryRow],
    backfills: Mapping[str, BackfillFacts] | None = None,
    stops: Mapping[str, StopFact] | None = None,
) -> list[MigrationStatus]:
    """Join files and history (and stored backfills and the log's stops, by version), in the order the
    set's tool runs them.

    Pure: no database access.
    """
    rows = {mset.version(h.version): h for h in history}
    result: list[MigrationStatus] = []
    for migration in mset.for_history({v: h.checksum for v, h in rows.items()}):
        row = rows.pop(migration.version, None)
        has_down = migration.down is not None
        if row is None:
            result.append(
                MigrationStatus(migration.version, migration.name, "pending", has_down, migration, None)
            )
        elif row.checksum != migration.checksum and row.success and migration.version.repeatable:
            result.append(
                MigrationStatus(
                    migration.version,
                    migration.name,
                    "pending",
                    has_down,
                    migration,
                    None,
                    f"changed, will re-run: repeatable {migration.up.path.name} changed since it was applied",
                )
            )
        elif row.checksum != migration.checksum:
            result.append(
                MigrationStatus(
                    migration.version,
                    migration.name,
                    "checksum_mismatch",
                    has_down,
                    migration,
                    row,
                    f"{migration.up.path.name} was edited after it was applied",
                )
            )
        elif not row.success:
            result.append(
                MigrationStatus(
                    migration.version,
                    migration.name,
                    "failed",
                    has_down,
                    migration,
                    row,
                    partial_detail(row, migration),
                    backfill=(backfills or {}).get(str(migration.version)),
                    stop=(stops or {}).get(row.version),
                )
            )
        else:
            result.append(
                MigrationStatus(migration.version, migration.name, "applied", has_down, migration, row)
            )
    for version, row in rows.items():
        result.append(
            MigrationStatus(
                version,
                row.name,
                "missing_file",
                False,
                None,
                row,
                "applied in the database, but its file is gone",
            )
        )
    result.sort(key=lambda s: s.version)
    return result


def partial_detail(row: HistoryRow, migration: Migration | None) -> str:
    """How far a partly applied (non-transactional) migration got, in words."""
    script = migration.down if (row.reverting and migration) else (migration.up if migration else None)
    total = len(script.statements) if script else None
    direction = "down" if row.reverting else "up"
    of_total = f" of {total}" if total is not None else ""
    text = f"{direction}: {row.statements_done}{of_total} statements ran"
    if row.statement_running is not None:
        where = ""
        if script and row.statement_running < len(script.statements):
            stmt = script.statements[row.statement_running]
            where = f" ({script.path.name}:{stmt.line})"
        text += f"; statement {row.statement_running + 1}{where} was running when migwiz stopped"
    return text


def out_of_order(
    statuses: list[MigrationStatus],
    exempt: Callable[[MigrationStatus, list[MigrationStatus]], bool] = lambda s, all_: False,
) -> list[str]:
    """One line per pending migration that sorts before an applied one (the history holds another order).

    `up` leaves such a migration alone until the operator decides (`--allow-out-of-order`); `exempt`
    names the ones `up` allows anyway (phased changes).
    """
    applied = [s for s in statuses if s.state == "applied" and not s.version.repeatable]  # run after all
    if not applied:
        return []
    latest = max(applied, key=lambda s: s.version)
    return [
        f"{s.version} ({s.name}) is pending but comes before the applied {latest.version} ({latest.name}):"
        " `up` leaves it until you decide (--allow-out-of-order applies it)"
        for s in statuses
        if s.state == "pending" and s.version < latest.version and not exempt(s, statuses)
    ]


def attention(statuses: list[MigrationStatus]) -> list[str]:
    """One line per migration that is running, stopped, failed or otherwise wrong, from its standing:
    what the wizard lists under the target's warnings."""
    out: list[str] = []
    for s in statuses:
        standing = s.standing
        if standing.state in ("applied", "pending"):
            continue
        words = standing.state.replace("_", " ")
        text = standing.text if standing.text.startswith(("backfill", words)) else f"{words}: {standing.text}"
        out.append(f"{s.version} ({s.name}) {text}".rstrip(": "))
    return out


def in_sync(statuses: list[MigrationStatus]) -> bool:
    """True when every migration is applied."""
    return all(s.state == "applied" for s in statuses)
