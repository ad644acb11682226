"""The backfill tests' table, workload and runs: `items` to backfill, a concurrent application workload,
the backfill job, its checkpoint, and a `migwiz up` SIGKILLed at random points then resumed.

The backfill UPDATE increments a counter column `n` on each row it touches, so "no row done twice,
none skipped" is checked row by row: afterwards every row of the key range has n = 1.
"""

from __future__ import annotations

import random
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import psycopg

from migwiz.engine.backfill import (
    Backfill,
    BackfillProgress,
    BackfillResult,
    BackfillSettings,
    control_backfill,
    parse_backfill,
)
from migwiz.engine.backfill.store import Checkpoint, read_checkpoint
from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.events import BackfillBatch, RunEvent, RunEvents
from migwiz.engine.run.log_writer import write_log
from migwiz.engine.servers.connect import connect
from migwiz.engine.sets.model import Script, Statement
from tests.conftest import TestDatabase
from tests.helpers import run_cli, start_cli, wait_for

ROWS = 20_000

SYNC_TRIGGER = """
CREATE FUNCTION items_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.w := NEW.v * 2;
    RETURN NEW;
END $$;
CREATE TRIGGER items_sync BEFORE INSERT OR UPDATE OF v ON items FOR EACH ROW EXECUTE FUNCTION items_sync();
"""

BACKFILL_SQL = "UPDATE items SET w = v * 2, n = n + 1"


def make_items(db: TestDatabase, rows: int = ROWS, *, trigger: bool = True) -> None:
    """`items`: v = id, w to backfill as v * 2, n counting backfill updates, wl counting workload ones."""
    db.execute(
        "CREATE TABLE items (id bigint PRIMARY KEY, v bigint NOT NULL, w bigint,"
        " n int NOT NULL DEFAULT 0, wl int NOT NULL DEFAULT 0);"
        f"INSERT INTO items (id, v) SELECT g, g FROM generate_series(1, {rows}) g;"
        + (SYNC_TRIGGER if trigger else "")
    )
    db.execute("ANALYZE items")


def script(text: str, path: str = "2_fill.up.sql") -> Script:
    return Script(Path(path), (Statement(text, 3),))


class Workload:
    """Single-row updates of random old rows and inserts of new rows, each remembered."""

    def __init__(self, dsn: str, rows: int) -> None:
        self.dsn = dsn
        self.rows = rows
        self.expected: dict[int, int] = {}
        self.inserted: list[int] = []
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        rng = random.Random(5)
        next_id = self.rows + 1
        try:
            with psycopg.connect(self.dsn, autocommit=True) as conn:
                while not self.stop.is_set():
                    row_id = rng.randint(1, self.rows)
                    conn.execute("UPDATE items SET v = v + 1, wl = wl + 1 WHERE id = %s", (row_id,))
                    self.expected[row_id] = self.expected.get(row_id, 0) + 1
                    if rng.random() < 0.3:
                        conn.execute("INSERT INTO items (id, v) VALUES (%s, %s)", (next_id, next_id))
                        self.inserted.append(next_id)
                        next_id += 1
        except BaseException as exc:  # reported by the test
            self.errors.append(exc)

    def __enter__(self) -> Workload:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=10)


def backfill(
    db: TestDatabase,
    text: str = BACKFILL_SQL,
    *,
    settings: BackfillSettings | None = None,
    on_progress: Callable[[BackfillProgress], None] | None = None,
    sink: MemorySink | None = None,
    backfill_id: str = "2",
    should_stop: Callable[[], str | None] | None = None,
) -> Backfill:
    """A backfill on its own connection, its events written to a central log (`sink`) as in a run."""
    conn = connect(db.dsn, autocommit=True, purpose="executor")
    events = RunEvents()
    log = EventLog(sinks=[sink] if sink else [])
    write_log(events, log)
    if on_progress is not None:
        progress = on_progress

        def batch(event: RunEvent) -> None:
            if isinstance(event, BackfillBatch):
                progress(event.progress)

        events.record(batch)  # as a recorder: an error in the test's callback is not swallowed
    return Backfill(
        conn,
        db.dsn,
        parse_backfill(script(text)),
        backfill_id=backfill_id,
        schema="migwiz",
        run_id=log.run_id,
        emit=events.emit,
        settings=settings,
        should_stop=should_stop,
    )


def run(db: TestDatabase, text: str = BACKFILL_SQL, **options: object) -> BackfillResult:
    """Run a backfill to the end on its own connection."""
    job = backfill(db, text, **options)  # type: ignore[arg-type]
    try:
        return job.run()
    finally:
        job.conn.close()


def assert_each_row_once(db: TestDatabase, upper: int = ROWS) -> None:
    rows = db.execute(
        f"SELECT count(*) FILTER (WHERE n = 1 AND id <= {upper}),"
        f" count(*) FILTER (WHERE n <> 1 AND id <= {upper}),"
        f" count(*) FILTER (WHERE n <> 0 AND id > {upper}) FROM items"
    )
    assert rows == [(upper, 0, 0)]


MIGRATIONS = {
    "1_items_backfill.up.sql": f"-- migwiz:phase=backfill\n-- migwiz:backfill\n{BACKFILL_SQL};\n",
    "1_items_backfill.down.sql": "UPDATE items SET w = NULL, n = 0;\n",
}
"""A set of one backfill migration of `items` (backfill id "1")."""


def checkpoint(dsn: str, backfill_id: str = "1") -> Checkpoint | None:
    """The backfill's checkpoint, None before migwiz's backfill tables exist."""
    with connect(dsn, autocommit=True) as conn:
        present = conn.execute("SELECT to_regclass('migwiz.backfill_progress') IS NOT NULL").fetchone()
        return read_checkpoint(conn, "migwiz", backfill_id) if present and present[0] else None


def rows_scanned(dsn: str, backfill_id: str = "1") -> int:
    """The rows the backfill has scanned so far (0 before it started)."""
    cp = checkpoint(dsn, backfill_id)
    return cp.rows_scanned if cp else 0


def executor_gone(db: TestDatabase) -> bool:
    """No migwiz session is left in the test's database."""
    rows = db.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND application_name LIKE 'migwiz%' AND pid <> pg_backend_pid()"
    )
    return rows == [(0,)]


def workers_seen(db: TestDatabase) -> int:
    """How many distinct workers have committed a batch so far."""
    present = db.execute("SELECT to_regclass('migwiz.backfill_ranges') IS NOT NULL")
    if present != [(True,)]:
        return 0
    return int(str(db.execute("SELECT count(DISTINCT worker) FROM migwiz.backfill_ranges")[0][0]))


def sigkill_and_resume(
    db: TestDatabase,
    folder: Path,
    *,
    seed: int,
    counts: tuple[int, int, int],
    rows: int,
    rows_done: Callable[[TestDatabase], int],
) -> None:
    """`migwiz up` of `MIGRATIONS` in `folder`, SIGKILLed at a random point (by `seed`) under each of the
    first two worker counts of `counts`, then resumed to the end with the third.

    After each kill `rows_done` checks the table against the backfill's bookkeeping and returns the rows
    done, which must have grown and not reached `rows`; the last run must succeed.
    """
    rng = random.Random(seed)
    first, second, last = counts
    done_before = 0
    for workers in (first, second):
        control_backfill(db.dsn, "migwiz", "1", batch_size=300, max_rate=30_000, workers=workers)
        kill_at = done_before + rng.randint(1_000, 10_000)  # a random point of this run
        proc = start_cli("up", "--dir", folder, "--dsn", db.dsn, quiet=True)
        try:
            wait_for(
                lambda k=kill_at, w=workers: rows_scanned(db.dsn) >= k and workers_seen(db) >= min(w, 2),
                f"{kill_at} rows done by {min(workers, 2)} worker(s) or more",
                timeout=60,
            )
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, f"seed {seed}: the run ended before the kill"
        wait_for(lambda: executor_gone(db), "the killed run's sessions gone", timeout=30)
        done_now = rows_done(db)
        assert done_before < done_now < rows, f"seed {seed}"
        done_before = done_now
    control_backfill(db.dsn, "migwiz", "1", workers=last, max_rate=1e9, batch_size=2000)
    result = run_cli("up", "--dir", folder, "--dsn", db.dsn, "--wait", "10s")
    assert result.code == 0, result.stderr
