"""Human output of `migwiz dry-run` and the live view of `migwiz up --watch`."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.text import Text

from migwiz.engine import humanize
from migwiz.engine.commands import describe_current, our_progress
from migwiz.engine.errors import MigwizError, one_line
from migwiz.engine.types import DryRunReport, DryRunStatement, MigrateResult, RunSession
from migwiz.present import strongest_first


def _locks(statement: DryRunStatement) -> str:
    if not statement.locks:
        return "no table locks"
    text = ", ".join(f"{lock.mode} on {lock.relation}" for lock in strongest_first(statement.locks))
    return text + (" (static analysis)" if statement.lock_source == "analysis" else "")


def render_dry_run(report: DryRunReport) -> RenderableType:
    """Per statement: whether it would fail and why, the locks it took, rewrites, time."""
    lines: list[RenderableType] = [Text(f"dry run on shadow {report.shadow}", style="bold")]
    if report.sampled:
        sampled = ", ".join(f"{table} ({rows} rows)" for table, rows in report.sampled.items())
        lines.append(Text(f"sampled: {sampled}", style="dim"))
    lines.extend(Text(f"note: {notice}", style="yellow") for notice in report.notices)
    label = None
    for s in report.statements:
        if s.label != label:
            label = s.label
            lines.append(Text(f"\n{s.label}", style="bold"))
        where = Path(s.where).name
        if s.outcome == "ok":
            head = Text("  ok    ", style="green")
            head.append(f"{where}  {s.sql}  ({humanize.duration((s.duration_ms or 0) / 1000)})")
        elif s.outcome == "failed":
            head = Text("  FAIL  ", style="bold red")
            head.append(f"{where}  {s.sql}")
        else:
            head = Text("  --    ", style="dim")
            head.append(f"{where}  {s.sql}  (not run: an earlier statement would fail)", style="dim")
        lines.append(head)
        if s.outcome == "failed":
            lines.append(Text(f"        would fail: {s.sqlstate} {s.error}", style="red"))
        if s.outcome != "not_run":
            lines.append(Text(f"        locks: {_locks(s)}", style="dim"))
            if s.rewrites:
                lines.append(Text(f"        rewrites: {', '.join(s.rewrites)}", style="yellow"))
            if s.index_rebuilds:
                lines.append(Text(f"        rebuilds: {', '.join(s.index_rebuilds)}", style="yellow"))
    failed = len(report.failures)
    verdict = (
        Text(f"\n{len(report.statements)} statement(s) would run without error", style="green")
        if report.ok
        else Text(f"\n{failed} statement(s) would fail; run {report.run_id}", style="bold red")
    )
    lines.append(verdict)
    return Group(*lines)


def watch_session(
    console: Console, dsn: str, session: RunSession, *, interval_s: float = 0.5
) -> MigrateResult:
    """Start `session` and show the monitor and the statement being executed (elapsed vs its estimate,
    from the run's event stream) until it ends; its result, or its exception raised again.

    The monitor has its own connection; if it cannot connect, the run goes on without the view.
    """
    from migwiz.console.monitor_view import render_snapshot
    from migwiz.engine.commands import Monitor

    try:
        monitor = Monitor(dsn, our_pids=session.control.our_pids)
    except MigwizError as exc:
        console.print(f"watch: monitor unavailable ({one_line(exc)}); running without it", markup=False)
        return session.run()

    def view() -> RenderableType:
        snapshot = monitor.sample()
        current = session.current
        parts: list[RenderableType] = []
        if current is not None:
            parts.append(Text(describe_current(current), style="bold cyan"))
            for p in our_progress(snapshot, current.backend_pid):
                done = f"{p.percent:.0f}%" if p.percent is not None else p.phase
                parts.append(Text(f"  {p.operation} {p.relation or ''}: {p.phase} {done}"))
        parts.append(render_snapshot(snapshot))
        return Group(*parts)

    session.start()
    try:
        with Live(view(), console=console, refresh_per_second=4, transient=True) as live:
            while not session.control.wait(interval_s):
                live.update(view())
    finally:
        monitor.close()
    return session.wait()
