"""Human output of backfills, recipes and phases: status tables and progress lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text

from migwiz.console import output
from migwiz.engine import humanize
from migwiz.engine.types import BackfillProgress, BackfillStatus, Control, PhaseRow

PHASE_STATE_STYLES = {**output.STATE_STYLES, "-": "dim"}


def progress_line(progress: BackfillProgress) -> str:
    """One line: table, rows done / total (percent), rate, ETA, batch size, workers, and the brake in force.

    >>> progress_line(BackfillProgress("5", "orders", "running", 250_000, 250_000, 1_000_000, 10, 25_000,
    ...     100_000.0, 7.5, 2.5, 40.0))
    'orders: 250 k / 1.0 M rows (25 %), 100 k rows/s, ETA 7.5 s, batch 25 k'
    """
    eta = f", ETA {humanize.duration(progress.eta_s)}" if progress.eta_s is not None else ""
    running = sum(1 for w in progress.workers if w.state == "running")
    workers = f", {running}/{len(progress.workers)} workers" if len(progress.workers) > 1 else ""
    why = f", {progress.throttle}" if progress.throttle else ""
    done, total = humanize.count(progress.rows_done), humanize.count(progress.total_estimate)
    return (
        f"{progress.table}: {done} / {total} rows"
        f" ({humanize.percent(progress.rows_done, progress.total_estimate)}),"
        f" {humanize.count(progress.rate)} rows/s{eta}, batch {humanize.count(progress.batch_size)}"
        f"{workers}{why}"
    )


def print_backfills(statuses: Sequence[BackfillStatus]) -> None:
    """The `migwiz backfill status` table."""
    if not statuses:
        output.stdout.print("no backfill has run in this database", markup=False)
        return
    from migwiz.console.tables import table

    t = table(  # quantities never wrapped (`1.0 M` stays whole); the worker lines below repeat the batch
        "id", "table", "state", "done", "rows", "rate", "ETA", "workers", "batch", "brake / control",
        droppable=("batch",), whole=("done", "rows", "rate", "eta", "workers", "batch"),
    )  # fmt: skip
    for s in statuses:
        c = s.checkpoint
        data = s.to_json()
        state = data["state"]
        style = {"done": "green", "running": "cyan", "paused": "yellow", "stopped": "red"}.get(state, "")
        moving = s.alive and state not in ("done", "stopped", "paused")  # else no live rate, no ETA
        eta = humanize.duration(s.eta_s) if s.eta_s is not None and moving else ""
        t.add_row(
            c.id,
            c.relation,
            Text(state, style=style),
            f"{data['percent']} %",
            f"{humanize.count(c.rows_scanned)} / {humanize.count(c.total_estimate or 0)}",
            f"{humanize.count(c.rate)}/s" if c.rate and moving else "",
            eta,
            describe_workers(s),
            humanize.count(c.batch_size) if c.batch_size else "",
            "; ".join(part for part in (s.brake, describe_control(s.control)) if part),
        )
    output.stdout.print(t)
    for s in statuses:  # the sentence `status`, the wizard and the log's run summary say too
        if s.to_json()["state"] in ("stopped", "paused"):
            output.stdout.print(f"{s.checkpoint.id}: {s.standing.text}", markup=False, highlight=False)
    for s in statuses:
        for line in worker_lines(s):
            output.stdout.print(line, markup=False, highlight=False)


def describe_workers(status: BackfillStatus) -> str:
    """Workers running now and the ranges left, e.g. `4 · 12/64 left` ("" before any range was cut)."""
    left, total = status.ranges
    if status.checkpoint.state == "done":
        return ""
    running = str(len(status.workers)) if status.alive else "-"
    return f"{running} · {left}/{total} left" if total else running if running != "-" else ""


def worker_lines(status: BackfillStatus) -> list[str]:
    """One line per worker of a running backfill: its range, rate, batch and last batch's duration.

    The rate is the worker's own over its last few seconds; the sum is the backfill's rate.
    """
    lines = []
    for w in status.workers:
        rate = f"{humanize.count(w.rate)} rows/s" if w.rate is not None else "-"
        batch = f"batch {humanize.count(w.batch_size)}" if w.batch_size else ""
        took = f" in {humanize.duration(w.batch_ms / 1000)}" if w.batch_ms is not None else ""
        age = f", last batch {humanize.duration(w.age_s)} ago" if w.age_s >= 2 else ""
        lines.append(
            f"  {status.checkpoint.id} worker {w.worker}: range {w.range_no}, {rate}, {batch}{took}{age}"
        )
    return lines


def describe_control(control: Control) -> str:
    """The operator's settings in words ("" when none are set).

    >>> describe_control(Control(paused=True, batch_size=500, max_rate=None, target_ms=None))
    'paused, batch 500'
    >>> describe_control(Control(paused=False, batch_size=None, max_rate=None, target_ms=1500))
    'target 1.5 s'
    """
    parts = ["paused"] if control.paused else []
    if control.workers:
        parts.append(f"{control.workers} worker" + ("s" if control.workers != 1 else ""))
    if control.batch_size:
        parts.append(f"batch {control.batch_size}")
    if control.max_rate:
        parts.append(f"max {humanize.count(control.max_rate)} rows/s")
    if control.target_ms:
        parts.append(f"target {humanize.duration(control.target_ms / 1000)}")
    return ", ".join(parts)


def print_phases(rows: Sequence[PhaseRow]) -> None:
    """Where each expand/backfill/contract change stands."""
    if not rows:
        return
    t = output.table("change", "expand", "backfill", "contract", "stage")
    for row in rows:
        cells = [Text(row.states[p], style=PHASE_STATE_STYLES.get(row.states[p], "")) for p in row.states]
        t.add_row(row.change, *cells, row.stage)
    output.stdout.print(t)


def print_written(paths: Sequence[Path]) -> None:
    """The files a recipe wrote."""
    for path in paths:
        output.stdout.print(f"wrote {path}", markup=False, highlight=False)
