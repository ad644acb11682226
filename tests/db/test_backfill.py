"""The backfill runner on real servers: concurrent writes, pause/resume, keys, errors.

The backfill UPDATE increments a counter column `n` on each row it touches, so "no row done twice,
none skipped" is checked row by row: afterwards every row of the key range has n = 1.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from migwiz.engine.backfill import (
    BackfillProgress,
    BackfillSettings,
    backfill_status,
    control_backfill,
    progress_from_json,
)
from migwiz.engine.backfill.store import read_checkpoint
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.runner import Runner
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import wait_for, write_migrations
from tests.helpers.backfill import (
    BACKFILL_SQL,
    ROWS,
    Workload,
    assert_each_row_once,
    backfill,
    make_items,
    rows_scanned,
    run,
)


def test_concurrent_workload_every_row_backfilled_no_write_lost(db: TestDatabase) -> None:
    make_items(db)
    progress: list[BackfillProgress] = []
    settings = BackfillSettings(initial_batch=500, max_batch=2000, max_rows_per_s=25_000)
    job = backfill(db, settings=settings, on_progress=progress.append)
    with Workload(db.dsn, ROWS) as workload:
        wait_for(lambda: len(workload.expected) > 20)
        result = job.run()
        wait_for(lambda: len(workload.inserted) > 5)
    cp = read_checkpoint(job.conn, "migwiz", "2")
    job.conn.close()
    assert not workload.errors
    assert cp is not None and cp.upper_key is not None
    upper = int(cp.upper_key[0])
    assert upper >= ROWS and upper < max(workload.inserted), "rows were inserted during the backfill"
    assert result.rows_done == result.rows_updated == upper
    assert db.execute("SELECT count(*) FROM items WHERE w IS DISTINCT FROM v * 2") == [(0,)]
    assert_each_row_once(db, upper)
    lost = db.execute("SELECT id, wl, v - id FROM items")
    counts = {int(r[0]): (int(r[1]), int(r[2])) for r in lost}  # type: ignore[call-overload]
    for row_id, done in workload.expected.items():
        assert counts[row_id] == (done, done), f"row {row_id}: a concurrent write was lost"
    assert all(counts[i] == (0, 0) for i in workload.inserted)
    assert progress[-1].state == "done" and progress[-1].fraction == 1.0
    assert progress[-1].rows_done == upper


def test_pause_resume_and_retune_through_the_control_row(db: TestDatabase) -> None:
    make_items(db)
    seen: list[BackfillProgress] = []
    settings = BackfillSettings(initial_batch=200, max_batch=400, max_rows_per_s=20_000)
    job = backfill(db, settings=settings, on_progress=seen.append)
    control_backfill(db.dsn, "migwiz", "2", batch_size=250)
    thread = threading.Thread(target=job.run, daemon=True)
    thread.start()
    wait_for(lambda: rows_scanned(db.dsn, "2") >= 1000)
    chosen, control = control_backfill(db.dsn, "migwiz", paused=True)
    assert chosen == "2" and control.paused and control.batch_size == 250
    wait_for(lambda: any(p.state == "paused" for p in seen))
    stopped_at = rows_scanned(db.dsn, "2")
    paused_seen = sum(1 for p in seen if p.state == "paused")
    wait_for(lambda: sum(1 for p in seen if p.state == "paused") >= paused_seen + 3)
    assert rows_scanned(db.dsn, "2") == stopped_at < ROWS
    [status] = backfill_status(db.dsn, "migwiz")
    assert status.checkpoint.state == "paused" and status.alive and status.control.paused
    control_backfill(db.dsn, "migwiz", "2", paused=False, batch_size=2000, max_rate=1e9)
    thread.join(timeout=30)
    job.conn.close()
    assert not thread.is_alive()
    first_pause = next(i for i, p in enumerate(seen) if p.state == "paused")
    before = [p for p in seen[:first_pause] if p.state == "running"]
    assert before and {p.batch_size for p in before} == {250}
    running = [p for p in seen if p.state == "running"]
    assert running[-1].batch_size == 2000
    assert_each_row_once(db)
    [status] = backfill_status(db.dsn, "migwiz")
    assert status.checkpoint.state == "done" and status.fraction == 1.0


def test_progress_is_logged_every_few_seconds_not_every_batch(db: TestDatabase) -> None:
    make_items(db)
    sink = MemorySink()
    # batches of exactly 100 rows: a target no batch can overshoot, so a slow moment never shrinks one
    slow_ok = {"target_batch_ms": 60_000.0, "contended_batch_ms": 60_000.0}
    fixed = BackfillSettings(initial_batch=100, max_batch=100, **slow_ok)
    result = run(db, settings=fixed, sink=sink)
    assert result.batches == ROWS // 100
    logged = [e for e in sink.events if e.step == "backfill progress"]
    assert 1 <= len(logged) <= result.duration_s / 5 + 2 < result.batches  # every 5 s, and at the end
    last = progress_from_json(logged[-1].data)
    assert last is not None and last.state == "done" and last.rows_done == ROWS
    assert "worker" not in logged[-1].message, logged[-1].message  # once done, no "by 0 worker(s)"


@pytest.mark.parametrize(
    ("ddl", "text"),
    [
        (
            "CREATE TABLE kv (a int, b text, v int, n int NOT NULL DEFAULT 0, PRIMARY KEY (a, b));"
            "INSERT INTO kv (a, b, v) SELECT g % 37, md5(g::text), g FROM generate_series(1, 5000) g",
            "UPDATE kv AS k SET n = k.n + 1 WHERE k.v % 3 <> 1",
        ),
        (
            "CREATE TABLE kv (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), v int,"
            " n int NOT NULL DEFAULT 0);"
            "INSERT INTO kv (v) SELECT g FROM generate_series(1, 5000) g",
            "UPDATE public.kv SET n = n + 1 WHERE v % 3 <> 1",
        ),
    ],
    ids=["composite", "uuid"],
)
def test_composite_and_uuid_keys(db: TestDatabase, ddl: str, text: str) -> None:
    if "gen_random_uuid" in ddl and db.major < 13:
        pytest.skip("gen_random_uuid is PostgreSQL 13+")
    db.execute(ddl)
    db.execute("ANALYZE kv")
    # batches of exactly 300 keys: with the smallest batch pinned too, a slow moment of a loaded
    # machine (a batch over the 10 ms contended target) cannot shrink one
    pinned = BackfillSettings(initial_batch=300, min_batch=300, max_batch=300, workers=2)
    result = run(db, text, settings=pinned)
    assert result.rows_done == 5000 and result.workers == 2
    assert 17 <= result.batches <= 17 + 2  # 3 ranges: a range's last batch may be short
    expected = db.execute("SELECT count(*) FROM kv WHERE v % 3 <> 1")[0][0]
    assert result.rows_updated == expected
    assert db.execute("SELECT n, count(*) FROM kv GROUP BY n ORDER BY n") == [
        (0, 5000 - expected),
        (1, expected),
    ]


def test_table_without_primary_key_is_walked_in_block_ranges(db: TestDatabase) -> None:
    """(tests/db/test_backfill_ctid.py has the crash and concurrency cases.)"""
    db.execute(
        "CREATE TABLE nokey (v int, w int); INSERT INTO nokey SELECT g FROM generate_series(1, 3000) g"
    )
    db.execute("ANALYZE nokey")
    result = run(db, "UPDATE nokey SET w = v")
    assert result.rows_updated == 3000
    assert db.execute("SELECT count(*) FROM nokey WHERE w IS DISTINCT FROM v") == [(0,)]
    [status] = backfill_status(db.dsn, "migwiz")
    assert status.checkpoint.key_columns == ("ctid",) and status.checkpoint.state == "done"


@pytest.mark.parametrize(
    ("ddl", "text", "moved"),
    [
        ("CREATE TABLE t (id int PRIMARY KEY, v int)", "UPDATE t SET id = id + 5, v = v + 1", "id"),
        (
            "CREATE TABLE t (a int, b int, v int, PRIMARY KEY (a, b))",
            "UPDATE t AS x SET v = 1, b = x.b * 2",
            "b",
        ),
        ('CREATE TABLE t ("Id" int PRIMARY KEY, v int)', 'UPDATE public.t SET "Id" = "Id" - 1', "Id"),
    ],
)
def test_a_backfill_that_moves_its_own_key_is_refused(
    db: TestDatabase, ddl: str, text: str, moved: str
) -> None:
    """Batches walk the key: a row moved ahead of the walk would be updated again by a later batch."""
    db.execute(ddl)
    db.execute("INSERT INTO t SELECT g, g, g FROM generate_series(1, 100) g" if "(a int" in ddl else
               "INSERT INTO t SELECT g, g FROM generate_series(1, 100) g")  # fmt: skip
    before = db.execute("SELECT * FROM t ORDER BY 1, 2")
    with pytest.raises(MigrationFileError) as info:
        run(db, text)
    assert info.value.message.startswith(
        f"2_fill.up.sql:3: the backfill sets {moved}, part of the primary key"
    )
    assert info.value.hint is not None and "plain migration" in info.value.hint
    assert db.execute("SELECT * FROM t ORDER BY 1, 2") == before


def test_empty_table_is_done_at_once(db: TestDatabase) -> None:
    db.execute("CREATE TABLE items (id int PRIMARY KEY, v int)")
    result = run(db, "UPDATE items SET v = 1")
    assert (result.rows_done, result.batches) == (0, 0)
    [status] = backfill_status(db.dsn, "migwiz")
    assert status.checkpoint.state == "done"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_migrations(
        tmp_path / "m",
        {
            "1_items_expand.up.sql": "-- migwiz:phase=expand\nALTER TABLE items ADD COLUMN extra int;\n",
            "1_items_expand.down.sql": "ALTER TABLE items DROP COLUMN extra;\n",
            "2_items_backfill.up.sql": f"-- migwiz:phase=backfill\n-- migwiz:backfill\n{BACKFILL_SQL};\n",
            "2_items_backfill.down.sql": "UPDATE items SET w = NULL, n = 0;\n",
        },
    )


def test_runner_hook_records_history_and_a_rerun_after_down_starts_over(
    db: TestDatabase, folder: Path
) -> None:
    make_items(db, 3000, trigger=False)
    sink = MemorySink()
    runner = Runner(db.dsn, load_migration_set(folder), log=EventLog(sinks=[sink]))
    report = runner.up()
    assert report.ok and [o.result for o in report.outcomes] == ["applied", "applied"]
    assert {str(s.version): s.state for s in runner.statuses()} == {"1": "applied", "2": "applied"}
    assert db.execute("SELECT success, statements_done, phase FROM migwiz.history WHERE version = '2'") == [
        (True, 1, "backfill")
    ]
    assert_each_row_once(db, 3000)
    runner.down(steps=1)
    assert db.execute("SELECT max(n) FROM items") == [(0,)]
    assert runner.up().ok
    assert_each_row_once(db, 3000)
    assert any(e.step == "backfill" and "started" in e.message for e in sink.events)
    runner.close()


def test_a_failing_backfill_names_file_and_line_and_resumes(db: TestDatabase, tmp_path: Path) -> None:
    make_items(db, 3000, trigger=False)
    db.execute("UPDATE items SET v = 0 WHERE id = 2500")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_fill.up.sql": "-- migwiz:backfill\n-- fill\nUPDATE items SET w = 100 / v, n = n + 1;\n",
            "1_fill.down.sql": "UPDATE items SET w = NULL, n = 0;\n",
        },
    )
    control_backfill(db.dsn, "migwiz", "1", workers=1)  # one worker: the rows done are a prefix
    runner = Runner(db.dsn, load_migration_set(folder), log=EventLog())
    report = runner.up()
    assert not report.ok
    failure = report.outcomes[0].failure
    assert failure is not None and failure.sqlstate == "22012"
    assert failure.describe().startswith(f"{folder / '1_fill.up.sql'}:3: 22012")
    assert [s.state for s in runner.statuses()] == ["failed"]
    done = rows_scanned(db.dsn, "1")
    assert 0 < done < 2500
    assert db.execute(f"SELECT count(*) FROM items WHERE n = 1 AND id <= {done}") == [(done,)]
    db.execute("UPDATE items SET v = 1 WHERE id = 2500")
    assert runner.up().ok
    assert_each_row_once(db, 3000)
    runner.close()


def test_cli_backfill_status_pause_tune(db: TestDatabase) -> None:
    from tests.helpers import run_cli

    make_items(db, 500, trigger=False)
    run(db)
    status = run_cli("backfill", "status", "--dsn", db.dsn, "--json")
    assert status.code == 0, status.stderr
    [row] = status.json()["backfills"]
    assert (row["id"], row["state"], row["rows_done"], row["fraction"]) == ("2", "done", 500, 1.0)
    nothing = run_cli("backfill", "pause", "--dsn", db.dsn)
    assert nothing.code == 2 and "no backfill is in progress" in nothing.stderr
    tuned = run_cli(
        "backfill", "tune", "--id", "2", "--batch-size", "50", "--target", "100ms", "--dsn", db.dsn
    )
    assert tuned.code == 0 and "batch 50, target 100 ms" in tuned.stdout
    assert db.execute("SELECT batch_size, target_ms, paused FROM migwiz.backfill_control") == [
        (50, 100.0, False)
    ]
