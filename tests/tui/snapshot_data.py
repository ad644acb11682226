"""Fixed engine results for the snapshot tests: every screen rendered from data built here, no server."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from migwiz.demo import demo_migrations_path
from migwiz.engine.analysis import lint_migration_set
from migwiz.engine.analysis.trace import TracedLock
from migwiz.engine.backup import BackupReport
from migwiz.engine.backup.check import ArchiverFacts, DiskFacts, Reason
from migwiz.engine.config import Settings
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.history.status import compute_status
from migwiz.engine.log.eventlog import Event
from migwiz.engine.observe import LockWait, Progress, SessionInfo, Snapshot
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.runner import MigrationOutcome, RunReport, StatementFailure
from migwiz.engine.servers.target import TargetInfo
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import MigrationSet, Version
from migwiz.engine.shadow.dryrun import DryRunReport, DryRunStatement
from migwiz.tui.backend import (
    Check,
    ImpactReport,
    ImpactRow,
    PendingInfo,
    RecentChanges,
    TargetView,
    VerifyReport,
)
from migwiz.tui.context import Mode, WizardContext, WizardData
from migwiz.tui.execution import RunSummary

DSN = "host=db.internal port=5432 dbname=shop user=deploy"
T0 = datetime(2025, 3, 14, 9, 30, 0, tzinfo=UTC)
RUN_ID = "3f2a9c1e-5b7d-4e21-9a0c-1d2e3f405162"


def context(mode: Mode = "migrate", *, demo: bool = False) -> WizardContext:
    """A context with no live engine calls and no cursor blink (`demo`: opened by `migwiz demo`)."""
    settings = Settings(migrations_dir=Path("migrations"))
    return WizardContext(DSN, settings, mode=mode, live=False, cursor_blink=False, demo=demo)


def mset() -> MigrationSet:
    """The demo migration set (its files are part of migwiz)."""
    return load_migration_set(demo_migrations_path())


def history(versions: list[str]) -> list[HistoryRow]:
    """History rows for `versions` of the demo set, applied a day apart."""
    by_version = {str(m.version): m for m in mset().migrations}
    return [
        HistoryRow(
            version=v,
            name=by_version[v].name,
            checksum=by_version[v].checksum,
            applied_at=T0 - timedelta(days=len(versions) - i),
            db_user="deploy",
            os_user="ana",
            host="bastion-1",
            duration_ms=120.0,
            run_id=RUN_ID if i == len(versions) - 1 else None,
            success=True,
            statements_done=1,
            statement_running=None,
            reverting=False,
            phase=None,
        )
        for i, v in enumerate(versions)
    ]


def target() -> TargetView:
    """The target screen's facts."""
    info = TargetInfo(
        where="deploy@db.internal:5432/shop",
        server_version="16.4",
        server_version_num=160004,
        database="shop",
        user="deploy",
        size_bytes=1_234_567_890,
        is_replica=False,
        pooler_suspected=False,
        migwiz_schema=True,
        current_version="0003",
        applied=3,
    )
    return TargetView(
        info, 5, Path("migrations"), ("the table public.orders has 2 long transactions open right now",)
    )


def pending() -> PendingInfo:
    """Status of the demo set with 0001-0003 applied, and the lint of the rest (no catalog)."""
    full = mset()
    statuses = compute_status(full, history(["0001", "0002", "0003"]))
    applied = {Version(v) for v in ("0001", "0002", "0003")}
    todo = MigrationSet(full.root, full.layout, tuple(m for m in full.migrations if m.version not in applied))
    verdicts = {"0004": "safe", "0005": "quiet_window", "0006": "safe", "0007": "safe", "0008": "dangerous"}
    reasons = {
        "0005": ("line 3 (ALTER TABLE ADD COLUMN) would wait: pid 4242 (shop-api) holds AccessShareLock on"
                 " public.orders",),
        "0008": ("rewrites public.orders (1.4 GB) under AccessExclusiveLock for about 23 s",),
    }  # fmt: skip
    lint = lint_migration_set(todo, pg_version=16)
    return PendingInfo(full, statuses, lint, True, verdicts, None, (), reasons)


def pending_lint_only() -> PendingInfo:
    """As `pending`, when the planner could not run: the lint's own words."""
    info = pending()
    return PendingInfo(info.mset, info.statuses, info.lint, True, None, "permission denied for pg_locks")


def backup() -> BackupReport:
    """A degraded point-in-time-recovery setup."""
    archiver = ArchiverFacts(
        archived_count=4211,
        last_archived_wal="00000001000000A1000000FE",
        last_archived_at=T0,
        last_archived_age_s=42.0,
        failed_count=3,
        last_failed_wal=None,
        last_failed_at=None,
        last_failed_age_s=None,
        stats_reset=None,
    )
    return BackupReport(
        verdict="degraded",
        reasons=(
            Reason("degraded", "3 archive failures since the last reset; the latest attempt succeeded"),
        ),
        server_version="16.4",
        server_version_num=160004,
        in_recovery=False,
        wal_level="replica",
        archive_mode="on",
        archive_command="pgbackrest --stanza=main archive-push %p",
        archive_library=None,
        archive_timeout_s=60,
        archiver=archiver,
        ready_segments=0,
        oldest_ready_age_s=None,
        wal_bytes=1_073_741_824,
        wal_segments=64,
        slots=(),
        disks=(DiskFacts("data", "/var/lib/postgresql", 84_000_000_000, 250_000_000_000),),
        notes=(),
    )


def impact(direction: str = "up") -> ImpactReport:
    """Impact rows of the demo's pending migrations."""

    def row(
        version: str,
        n: int,
        mode: str,
        rel: str,
        size: int,
        rows: int,
        est: float,
        blk: int,
        fix: str | None,
        sev: str | None,
        kind: str = "ALTER TABLE",
    ) -> ImpactRow:
        return ImpactRow(version, n, 3, kind, mode, rel, size, rows, est, blk, "writes", False, fix, sev)

    fk = "ADD CONSTRAINT ... NOT VALID; then VALIDATE CONSTRAINT in its own migration"
    rows = (
        row(
            "0004",
            1,
            "ShareRowExclusiveLock",
            "public.order_items",
            15_600_000,
            150_000,
            0.06,
            0,
            fk,
            "warning",
        ),
        row("0004", 1, "ShareRowExclusiveLock", "public.products", 204_800, 1_000, 0.001, 0, fk, "warning"),
        row("0005", 1, "AccessExclusiveLock", "public.orders", 1_380_000_000, 10_000_000, 0.0, 2, None, None),
        row(
            "0007",
            2,
            "ShareUpdateExclusiveLock",
            "public.orders",
            1_380_000_000,
            10_000_000,
            5.5,
            0,
            None,
            None,
        ),
        row(
            "0008",
            3,
            "AccessExclusiveLock",
            "public.orders",
            1_380_000_000,
            10_000_000,
            23.0,
            2,
            "add the column as text, backfill, then switch the type in a quiet window",
            "error",
        ),
    )
    return ImpactReport(
        direction,
        rows,
        "dangerous" if direction == "up" else "quiet_window",  # type: ignore[arg-type]
        ("0008: rewrites public.orders (1.4 GB) under AccessExclusiveLock for about 23 s",),
        source="planner: live sizes, default throughput, current lock holders",
    )


def dry_run() -> DryRunReport:
    """A dry run where 0008's third statement fails; its fourth is not run."""

    def lock(mode: str, relation: str) -> TracedLock:
        return TracedLock(relation, mode, False, "table")

    path = "migrations/0008_orders_status_enum.up.sql"
    sre = "ShareRowExclusiveLock"
    statements = [
        DryRunStatement(
            "0004", "0004_order_items_product_fk", "migrations/0004_order_items_product_fk.up.sql", 3, 0,
            "ALTER TABLE order_items ADD CONSTRAINT order_items_product_id_fkey ...", "ok", 1.1,
            (lock(sre, "public.order_items"), lock(sre, "public.products")),
            "pg_locks",
        ),
        DryRunStatement(
            "0005", "0005_orders_amount_cents_expand", "migrations/0005_expand.up.sql", 5, 0,
            "ALTER TABLE orders ADD COLUMN amount_cents bigint", "ok", 0.4,
            (lock("AccessExclusiveLock", "public.orders"),), "pg_locks",
        ),
        DryRunStatement(
            "0008", "0008_orders_status_enum", path, 6, 2,
            "ALTER TABLE orders ALTER COLUMN status TYPE order_status USING ...", "failed", 1.7,
            (lock("AccessExclusiveLock", "public.orders"),), "pg_locks", ("public.orders",),
            sqlstate="22P02", error='invalid input value for enum order_status: "lost"',
        ),
        DryRunStatement(
            "0008", "0008_orders_status_enum", path, 9, 3, "DROP TYPE order_status_old", "not_run",
        ),
    ]  # fmt: skip
    return DryRunReport(
        RUN_ID, "deploy@db.internal:5432/migwiz_shadow_dry_run_0a1b2c", statements, {"public.orders": 1000}
    )


def outcomes() -> RunReport:
    """Four applied, then a failure."""
    report = RunReport("up")
    for version, name, ms, n in (
        ("0004", "order_items_product_fk", 35.0, 1),
        ("0005", "orders_amount_cents_expand", 15.0, 3),
        ("0006", "orders_amount_cents_backfill", 86_500.0, 1),
        ("0007", "orders_amount_cents_contract", 16.0, 2),
    ):
        report.outcomes.append(MigrationOutcome(Version(version), name, "up", "applied", ms, n))
    report.outcomes.append(
        MigrationOutcome(
            Version("0008"),
            "orders_status_enum",
            "up",
            "failed",
            258.0,
            2,
            StatementFailure(
                "migrations/0008_orders_status_enum.up.sql",
                6,
                2,
                "55P03",
                "canceling statement due to lock timeout",
            ),
        )
    )
    return report


def run_summary() -> RunSummary:
    """The run that `outcomes` describes."""
    return RunSummary(
        run_id=RUN_ID,
        direction="up",
        report=outcomes(),
        started_at=T0,
        finished_at=T0 + timedelta(seconds=94),
        longest_wait_caused_s=1.8,
        log_file=Path("migwiz-events.jsonl"),
        target="deploy@db.internal:5432/shop",
        lock_timeout_ms=2000,
        failed_state="pending",
    )


def verify() -> VerifyReport:
    """Verification with one failing drift check and its diff."""
    return VerifyReport(
        (
            Check("history: migrations recorded as applied", True, "4 applied"),
            Check(
                "drift",
                False,
                "1 difference between the files and the database\n"
                "~ index public.orders_created_at_idx: method differs\n"
                "    - btree (created_at)\n    + brin (created_at)",
                "fail",
            ),
            Check("invalid_indexes", True, "no INVALID index", "pass"),
            Check(
                "statistics",
                True,
                "public.orders was not analysed since 0007\nfix: ANALYZE public.orders",
                "warn",
            ),
            Check(
                "rollback test: up → down → up on a shadow",
                True,
                "0004_order_items_product_fk: passed\n0005_orders_amount_cents_expand: passed",
            ),
        )
    )


def event(seconds: int, step: str, message: str, level: str = "info", **data: object) -> Event:
    """A log event at T0 + seconds."""
    return Event(RUN_ID, T0 + timedelta(seconds=seconds), level, step, message, data)  # type: ignore[arg-type]


def recent() -> RecentChanges:
    """Five applied demo migrations and the runs that applied them."""
    versions = ["0001", "0002", "0003", "0004", "0005"]
    rows = tuple(reversed(history(versions)))
    runs = (
        event(0, "run", "migwiz up started"),
        event(94, "run", "migwiz up finished: success"),
        event(-86400, "run", "migwiz up finished: success"),
    )
    return RecentChanges(rows, runs, mset())


def lock_snapshot() -> Snapshot:
    """Our ALTER holds AccessExclusiveLock on orders; two sessions queue behind it."""
    reader = LockWait(
        4242,
        "shop-api",
        "app",
        "active",
        1.8,
        1.9,
        "AccessShareLock",
        "relation",
        "public.orders",
        "SELECT * FROM orders WHERE customer_id = $1",
        False,
        (31337,),
    )
    writer = LockWait(
        4243,
        "shop-worker",
        "app",
        "active",
        0.9,
        0.9,
        "RowExclusiveLock",
        "relation",
        "public.orders",
        "UPDATE orders SET status = $1 WHERE id = $2",
        False,
        (31337,),
    )
    ours = LockWait(
        31337,
        "migwiz executor",
        "deploy",
        "active",
        None,
        2.1,
        None,
        None,
        None,
        "ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::order_status",
        True,
        (),
        (reader, writer),
    )
    index = Progress(
        31337,
        "CREATE INDEX CONCURRENTLY",
        "building index: scanning table",
        "public.orders",
        "public.orders_status_idx",
        61_000,
        169_000,
        "blocks",
        36.1,
        None,
        12.0,
        True,
    )
    return Snapshot(T0, 160004, (ours,), (), (index,), (), ())


def watch_snapshot() -> Snapshot:
    """`lock_snapshot` as observer mode samples it: the executor's session runs its statement for 12 s."""
    executor = SessionInfo(
        31337,
        "migwiz executor",
        "deploy",
        "active",
        "client backend",
        None,
        14.0,
        12.0,
        12.0,
        "ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::order_status",
        True,
    )
    return replace(lock_snapshot(), ours=(executor,))


def current() -> CurrentStatement:
    """The statement the executor is running: 12 s in, planned for about 20 s."""
    return CurrentStatement(
        "0008", "0008_orders_status_enum", "up", "demo/0008_orders_status_enum.up.sql", 6, 2, 4,
        "ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::order_status",
        T0 - timedelta(seconds=12), 4242, estimate_ms=20_000.0, migration_number=5, migrations=5,
    )  # fmt: skip


def run_events() -> list[Event]:
    """The tail of a run's log."""
    return [
        event(60, "migration", "0007_orders_amount_cents_contract applied in 16 ms"),
        event(61, "migration", "applying 0008_orders_status_enum in one transaction"),
        event(61, "statement", "0008_orders_status_enum.up.sql:4 done in 4 ms"),
        event(62, "guard", "0008: pid 4242 (shop-api) holds AccessShareLock on public.orders", "warning"),
        event(63, "statement", "0008_orders_status_enum.up.sql:5 done in 3 ms"),
    ]


def full_data() -> WizardData:
    """Every step answered."""
    data = WizardData()
    data.target = target()
    info = pending()
    data.mset, data.statuses, data.lint = info.mset, info.statuses, info
    data.backup = backup()
    data.plan = impact()
    data.dry_run = dry_run()
    data.run = run_summary()
    data.verify = verify()
    data.recent = recent()
    data.rollback_to = Version("0003")
    return data


def lock_detail_node() -> LockWait:
    """A reader waiting behind our ALTER, its long report query wrapped in the detail."""
    return LockWait(
        4242,
        "shop-reports",
        "reporting",
        "active",
        74.5,
        75.2,
        "AccessShareLock",
        "relation",
        "public.orders",
        "SELECT o.id, o.customer_id, o.status, sum(l.quantity * l.unit_price) AS total FROM orders AS o "
        "JOIN order_lines AS l ON l.order_id = o.id WHERE o.created_at >= now() - interval '30 days' "
        "GROUP BY o.id, o.customer_id, o.status ORDER BY total DESC LIMIT 500",
        False,
        (31337,),
        wait_event="Lock:relation",
    )
