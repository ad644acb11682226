"""Benchmark: the backfill's replica brake against a real streaming standby whose replay is delayed.

A primary and a streaming standby of it (`pg_basebackup -R`) run on this machine. The migwiz backfill
updates every row of a table while the standby goes through three phases: it keeps up, then its replay
is delayed by `recovery_min_apply_delay` (so WAL piles up on it as fast as the backfill writes), then the
delay is lifted and it catches up. The brake's limit is on the standby's replay backlog in bytes (the
time lag of a delayed standby is its delay, whatever the backfill does). Sampled every 0.2 s: the
backlog, the replay time lag and the backfill's rate, printed as sparklines with a per-phase table, and
drawn into a PNG. Goal: the backlog stays under the limit (plus at most one check interval of writes)
while replay is delayed, and once the standby catches up the rate is back to that of the first phase.

    .venv/bin/python -m bench.standby [--rows 2000000] [--limit-mb 64] [--delay-s 5]
    .venv/bin/python -m bench.standby --png docs/bench-standby.png      # also draw the chart
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import psycopg

from bench._plot import Panel, chart, sparkline
from bench.backfill import progress_of
from migwiz.engine.backfill import Backfill, BackfillProgress, BackfillSettings, parse_backfill
from migwiz.engine.backfill.throttle import read_server_load
from migwiz.engine.servers.local import available_binaries, find_binaries, start_server, start_standby
from migwiz.engine.sets.model import Script, Statement

BACKFILL = "UPDATE bench SET cents = round(amount * 100)"
SERVER_SETTINGS = {"max_wal_size": "'4GB'", "checkpoint_timeout": "'30min'", "autovacuum": "off"}
SAMPLE_S = 0.2
MB = 2**20
PHASES = ("keeping up", "replay delayed", "caught up")
TOLERANCE = 64 * 1024
"""How far the verdict lets the backlog pass its limit: the WAL the backfill's progress rows (and the
server's own housekeeping) write while the brake holds every batch."""
BAND_COLORS = ((255, 255, 255), (250, 236, 220), (226, 242, 230))

Conn = psycopg.Connection[tuple[Any, ...]]


@dataclass(frozen=True)
class Sample:
    """One reading: seconds since the backfill started, the phase, lag, rows done, braked or not."""

    t: float
    phase: int
    lag_bytes: float
    lag_ms: float
    rows_done: int
    braked: bool
    brake: str | None = None
    running: int = 0
    """Workers running a batch or free to (not waiting for a brake, not idle)."""
    batch: int = 0
    """The mean batch size of the workers."""
    workers: int = 0
    waited_s: float = 0.0
    """Seconds the workers have spent waiting for a brake so far (all workers together)."""
    load: float = 0.0
    """This machine's 1-minute load average."""


@dataclass
class Recorder:
    """Samples the primary's view of the standby and the backfill's progress until stopped."""

    dsn: str
    started: float
    phase: int = 0
    samples: list[Sample] = field(default_factory=list)
    latest: BackfillProgress | None = None
    job: Backfill | None = None
    stop: threading.Event = field(default_factory=threading.Event)

    def on_progress(self, progress: BackfillProgress) -> None:
        self.latest = progress

    def run(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True, application_name="bench sampler") as conn:
            while not self.stop.wait(SAMPLE_S):
                load = read_server_load(conn)
                p = self.latest
                self.samples.append(
                    Sample(
                        time.monotonic() - self.started,
                        self.phase,
                        load.replica_lag_bytes or 0.0,
                        load.replica_lag_ms or 0.0,
                        p.rows_done if p else 0,
                        p is not None and p.state == "throttled",
                        p.throttle if p else None,
                        sum(1 for w in p.workers if w.state == "running") if p else 0,
                        round(sum(w.batch_size for w in p.workers) / len(p.workers))
                        if p and p.workers
                        else 0,
                        len(p.workers) if p else 0,
                        sum(w.waited_s for w in self.job.workers.values()) if self.job else 0.0,
                        os.getloadavg()[0],
                    )
                )


def build_table(conn: Conn, rows: int) -> None:
    conn.execute("CREATE TABLE bench (id bigint PRIMARY KEY, amount numeric(12, 2), cents bigint, note text)")
    conn.execute(
        "INSERT INTO bench (id, amount, note) SELECT g, (g %% 100000) / 7.0, 'order ' || g"
        " FROM generate_series(1, %s) g",
        (rows,),
    )
    conn.execute("VACUUM ANALYZE bench")
    conn.execute("CHECKPOINT")


def set_delay(standby_dsn: str, delay: str) -> None:
    """Change the standby's recovery_min_apply_delay (a reload setting) and wait until it is in force."""
    with psycopg.connect(standby_dsn, autocommit=True) as conn:
        conn.execute(
            psycopg.sql.SQL("ALTER SYSTEM SET recovery_min_apply_delay = {}").format(
                psycopg.sql.Literal(delay)
            )
        )
        conn.execute("SELECT pg_reload_conf()")
        deadline = time.monotonic() + 10
        while conn.execute("SELECT current_setting('recovery_min_apply_delay')").fetchone() != (delay,):
            if time.monotonic() > deadline:
                raise SystemExit(f"the standby did not take recovery_min_apply_delay = {delay}")
            time.sleep(0.05)


def rates(samples: list[Sample]) -> list[float]:
    """Rows per second between consecutive samples, over a 1 s window."""
    out = []
    for i, s in enumerate(samples):
        j = max(0, i - int(1.0 / SAMPLE_S))
        dt = s.t - samples[j].t
        out.append((s.rows_done - samples[j].rows_done) / dt if dt > 0 else 0.0)
    return out


def phase_table(samples: list[Sample], per_s: list[float], limit: float) -> str:
    lines = [
        "| phase | seconds | rows/s | max backlog | max replay lag | time braked | waiting | batch | load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for index, name in enumerate(PHASES):
        part = [(s, r) for s, r in zip(samples, per_s, strict=True) if s.phase == index]
        if len(part) < 2:
            lines.append(f"| {name} | – | – | – | – | – | – | – | – |")
            continue
        seconds = part[-1][0].t - part[0][0].t
        rate = (part[-1][0].rows_done - part[0][0].rows_done) / seconds if seconds else 0.0
        backlog = max(s.lag_bytes for s, _ in part) / MB
        lag_s = max(s.lag_ms for s, _ in part) / 1000
        braked = sum(1 for s, _ in part if s.braked) / len(part)
        workers = max(1, max(s.workers for s, _ in part))
        waiting = (part[-1][0].waited_s - part[0][0].waited_s) / (seconds * workers) if seconds else 0.0
        batch = sum(s.batch for s, _ in part) / len(part)
        load = sum(s.load for s, _ in part) / len(part)
        lines.append(
            f"| {name} | {seconds:.1f} | {rate:,.0f} | {backlog:.1f} MB (limit {limit / MB:.0f}) |"
            f" {lag_s:.1f} s | {braked:.0%} | {waiting:.0%} | {batch:,.0f} | {load:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--pg", type=int, help="server major version (default: newest)")
    parser.add_argument(
        "--limit-mb", type=float, default=64.0, help="the brake's limit on the standby's backlog"
    )
    parser.add_argument(
        "--delay-s", type=float, default=5.0, help="recovery_min_apply_delay in the second phase"
    )
    parser.add_argument("--keep-up-s", type=float, default=4.0, help="length of the first phase")
    parser.add_argument("--delayed-s", type=float, default=15.0, help="length of the second phase")
    parser.add_argument("--check-s", type=float, default=0.25, help="how often the backfill reads the lag")
    parser.add_argument("--workers", type=int, help="backfill workers (default: from cores and load)")
    parser.add_argument(
        "--control", action="store_true", help="never delay the replay (the rates the phases have anyway)"
    )
    parser.add_argument("--png", type=Path, help="also draw the run into this PNG file")
    parser.add_argument("--samples", type=Path, help="also write every sample to this JSON-lines file")
    args = parser.parse_args()
    binaries = find_binaries(args.pg) if args.pg else max(available_binaries(), key=lambda b: b.major)
    if binaries is None:
        raise SystemExit(f"no PostgreSQL {args.pg} here")
    limit = args.limit_mb * MB
    primary = start_server(binaries, settings=SERVER_SETTINGS)
    try:
        with psycopg.connect(primary.dsn(), autocommit=True) as conn:
            build_table(conn, args.rows)
        standby = start_standby(primary, slot="bench_standby")
        try:
            samples = run(primary.dsn(), standby.dsn(), args, limit)
        finally:
            standby.stop("immediate")
    finally:
        primary.stop()
    report(samples, args, limit, binaries.major)


def run(dsn: str, standby_dsn: str, args: argparse.Namespace, limit: float) -> list[Sample]:
    """The backfill in this thread, the phases switched by a timer thread, the sampler in a third."""
    settings = BackfillSettings(
        max_replica_lag_ms=None,
        max_replica_lag_bytes=limit,
        check_interval_s=args.check_s,
        workers=args.workers,
    )
    spec = parse_backfill(Script(Path("bench.sql"), (Statement(BACKFILL, 1),)))
    recorder = Recorder(dsn, time.monotonic())
    switched = threading.Event()

    def phases() -> None:
        if switched.wait(args.keep_up_s):
            return
        if not args.control:
            set_delay(standby_dsn, f"{args.delay_s:g}s")
        recorder.phase = 1
        if switched.wait(args.delayed_s):
            return
        if not args.control:
            set_delay(standby_dsn, "0")
        recorder.phase = 2

    with psycopg.connect(dsn, autocommit=True, application_name="migwiz bench") as conn:
        job = Backfill(conn, dsn, spec, backfill_id="bench", schema="migwiz", run_id=str(uuid.uuid4()),
                       emit=partial(progress_of, recorder.on_progress), settings=settings)  # fmt: skip
        recorder.job = job
        sampler = threading.Thread(target=recorder.run, daemon=True)
        timer = threading.Thread(target=phases, daemon=True)
        recorder.started = time.monotonic()
        sampler.start()
        timer.start()
        try:
            job.run(resume=False)
        finally:
            switched.set()
            recorder.stop.set()
            timer.join(timeout=15)
            sampler.join(timeout=5)
    return recorder.samples


def report(samples: list[Sample], args: argparse.Namespace, limit: float, major: int) -> None:
    per_s = rates(samples)
    duration = samples[-1].t if samples else 0.0
    workers = max((s.workers for s in samples), default=0)
    print(
        f"PostgreSQL {major}; {args.rows:,} rows; {workers} worker(s);"
        f" standby replay {'not delayed (control run), else ' if args.control else ''}delayed by"
        f" {args.delay_s:g} s from"
        f" {args.keep_up_s:g} s for {args.delayed_s:g} s; brake: backlog ≤ {args.limit_mb:g} MB,"
        f" lag read every {args.check_s:g} s; one sample every {SAMPLE_S} s\n"
    )
    width = 72
    top_mb = max(limit, *(s.lag_bytes for s in samples)) / MB if samples else 1.0
    print(f"phase       {''.join(str(s.phase + 1) for s in _resample(samples, width))}")
    print(f"backlog MB  {sparkline([s.lag_bytes / MB for s in samples], width, top_mb)}  max {top_mb:.0f}")
    top_s = max((s.lag_ms for s in samples), default=0) / 1000
    print(f"replay lag  {sparkline([s.lag_ms / 1000 for s in samples], width)}  max {top_s:.1f} s")
    print(f"rows/s      {sparkline(per_s, width)}  max {max(per_s, default=0):,.0f}")
    print(f"braked      {''.join('█' if s.braked else ' ' for s in _resample(samples, width))}")
    print("phases: 1 keeping up, 2 replay delayed, 3 caught up\n")
    print(phase_table(samples, per_s, limit))
    delayed = [s.lag_bytes for s in samples if s.phase == 1]
    if delayed:
        peak = max(delayed) / MB
        print(f"\nwhile replay was delayed the backlog peaked at {peak:.1f} MB (limit {limit / MB:.0f} MB)")
    print(verdict(samples, limit, args.rows))
    if args.samples:
        args.samples.write_text("".join(json.dumps(asdict(s)) + "\n" for s in samples))
    if args.png and samples:
        bands = [(s.t, s.t + SAMPLE_S, BAND_COLORS[s.phase]) for s in samples]
        chart(
            args.png,
            [
                Panel([(s.t, s.lag_bytes / MB) for s in samples], (40, 90, 200), top_mb * 1.1, limit / MB),
                Panel([(s.t, s.lag_ms / 1000) for s in samples], (220, 120, 20), max(top_s, 0.1) * 1.1),
                Panel(
                    [(s.t, r) for s, r in zip(samples, per_s, strict=True)], (30, 140, 70), max(per_s) * 1.1
                ),
            ],
            duration,
            bands,
        )
        print(f"\nchart: {args.png}")


def window_rate(samples: list[Sample], start: float, end: float) -> tuple[float, float, float, float] | None:
    """Rows per second between the first sample at or after `start` and the last at or before `end`,
    the window's ends, and the share of the workers' time spent waiting for a brake in it."""
    inside = [s for s in samples if start <= s.t <= end]
    if len(inside) < 2 or inside[-1].t <= inside[0].t:
        return None
    first, last = inside[0], inside[-1]
    span = last.t - first.t
    waiting = (last.waited_s - first.waited_s) / (span * max(1, max(s.workers for s in inside)))
    return (last.rows_done - first.rows_done) / span, first.t, last.t, waiting


def verdict(samples: list[Sample], limit: float, rows: int) -> str:
    """One line: whether the backlog stayed under the limit all along, its peak, and the rate once the
    standby has caught up (from 1 s after the backlog first fell under a tenth of the limit in the last
    phase, for up to 10 s and not into the last tenth of the rows, where workers run out of ranges) over
    the rate before the replay was delayed (from 1 s after the start to the end of the first phase)."""
    if not samples:
        return "verdict: no samples"
    peak = max(s.lag_bytes for s in samples)
    held = "yes" if peak <= limit + TOLERANCE else "no"
    over = (
        f" (over by {(peak - limit) / 1024:,.0f} kB; tolerance {TOLERANCE // 1024} kB)"
        if peak > limit
        else ""
    )
    line = f"verdict: limit held: {held}; peak backlog {peak / MB:.1f} MB of {limit / MB:.0f} MB{over}"
    first_phase = [s for s in samples if s.phase == 0]
    before = window_rate(samples, 1.0, first_phase[-1].t) if first_phase else None
    caught = next((s.t for s in samples if s.phase == 2 and s.lag_bytes < limit / 10 and not s.braked), None)
    tail = next((s.t for s in samples if s.rows_done >= 0.9 * rows), samples[-1].t)
    after = window_rate(samples, caught + 1.0, min(caught + 11.0, tail)) if caught is not None else None
    if before is None or after is None or before[0] <= 0:
        return line + "; rate after catch-up: not measured (phases too short for these rows)"
    return (
        line + f"; rate after catch-up ÷ before: {after[0] / before[0]:.2f}"
        f" ({after[0]:,.0f} rows/s over {after[1]:.1f}–{after[2]:.1f} s ÷"
        f" {before[0]:,.0f} rows/s over {before[1]:.1f}–{before[2]:.1f} s);"
        f" workers waiting for a brake after catch-up: {after[3]:.0%} (before: {before[3]:.0%})"
    )


def _resample(samples: list[Sample], width: int) -> list[Sample]:
    if not samples:
        return []
    return [
        samples[min(len(samples) - 1, i * len(samples) // width)] for i in range(min(width, len(samples)))
    ]


if __name__ == "__main__":
    main()
