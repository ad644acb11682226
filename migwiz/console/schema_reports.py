"""Human output of `test-rollback`, `drift` and `verify`."""

from __future__ import annotations

from rich.text import Text

from migwiz.console.output import stdout
from migwiz.engine import humanize
from migwiz.engine.commands import format_diff
from migwiz.engine.types import DriftReport, RollbackReport, VerifyReport
from migwiz.present import CHECK_STYLES, RESULT_STYLES


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def print_rollback(report: RollbackReport) -> None:
    """One line per migration with its verdict, the diff under each failure, what an option accepted,
    data the down loses, then a summary."""
    if report.options:
        stdout.print(Text(f"options: {', '.join(report.options)}", style="dim"))
    for r in report.results:
        line = Text(f"{r.result.upper():7} ", style=RESULT_STYLES[r.result])
        line.append(f"{r.label}")
        if r.duration_ms:
            line.append(f" ({humanize.duration(r.duration_ms / 1000)})", style="dim")
        if r.result == "skipped":
            line.append(f": {r.verdict}")
        elif r.result == "failed":
            line.append(
                f": {r.verdict}" + (f": {r.message}" if r.message else "")
            )  # e.g. down fails: <error>
        stdout.print(line)
        if r.differences:
            stdout.print(Text(_indent(format_diff(r.differences))))
        for d in r.ignored:
            stdout.print(Text(f"    ignored ({', '.join(report.options)}): {d.sentence}", style="dim"))
        for loss in r.data_loss:
            stdout.print(Text(f"    data: {loss}", style="yellow"))
        for note in r.notes:
            stdout.print(Text(f"    note: {note}", style="dim"))
    counts = {k: sum(r.result == k for r in report.results) for k in ("passed", "failed", "skipped")}
    words = {"passed": "passed", "failed": "failed", "skipped": "not tested"}
    summary = ", ".join(f"{n} {words[k]}" for k, n in counts.items() if n) or "no migration to test"
    run = f"; run {report.run_id}" if report.run_id else ""
    cache = report.snapshots
    reuse = (
        f"; snapshots: {cache.get('restored', 0)} restored, {cache.get('saved', 0)} saved,"
        f" {cache.get('replayed', 0)} file(s) replayed"
        if cache
        else ""
    )
    stdout.print(Text(f"{summary} on shadow database {report.shadow} (dropped){run}{reuse}"))


def print_drift(report: DriftReport) -> None:
    """The differences (- missing, + extra, ~ changed), notes, and a one-line verdict."""
    applied = len(report.applied)
    for note in report.notes:
        stdout.print(Text(f"note: {note}", style="yellow"))
    ignored = f" ({len(report.ignored)} ignored)" if report.ignored else ""
    rerun = ", ".join(report.rerun)
    if not report.drifted and rerun:  # not a clean bill: the database still holds their earlier text
        stdout.print(
            Text(f"no difference found from the {applied} applied migration(s){ignored}, but {rerun}")
            .append(" changed since applied and not re-run yet: the schema may differ because of it")
            .append("; `migwiz up` runs it again", style="dim")
        )
        return
    if not report.drifted:
        stdout.print(Text(f"no drift: the database matches its {applied} applied migration(s){ignored}"))
        return
    stdout.print(Text(format_diff(report.differences)))
    counts = ", ".join(f"{n} {k}" for k, n in report.counts().items() if n)
    stdout.print(
        Text(f"drift: {len(report.differences)} difference(s) from the {applied} applied migration(s)")
        .append(f" ({counts}){ignored}")
        .append(f"; {rerun} changed and not re-run yet: some may be that pending re-run" if rerun else "")
        .append("; `migwiz drift --sql` prints the statements that repair it", style="dim")
    )


def print_repair_sql(report: DriftReport) -> None:
    """The repair statements, ready for psql."""
    if not report.repair:
        stdout.print("-- no drift: nothing to do", markup=False)
        return
    stdout.print(
        "-- statements that bring the database back to its applied migration files, in dependency order;\n"
        "-- review them first: drops lose data, and some statements rewrite tables or take strong locks",
        markup=False,
    )
    for statement in report.repair:
        stdout.print(statement, markup=False)


def print_verify(report: VerifyReport) -> None:
    """One line per check, its details and the statements that fix it."""
    for c in report.checks:
        line = Text(f"{c.status.upper():5} ", style=CHECK_STYLES[c.status])
        line.append(f"{c.name}: ", style="bold")
        line.append(c.sentence)
        stdout.print(line)
        for detail in c.details[1:] if len(c.details) > 1 else ():
            stdout.print(Text(f"      {detail}"))
        for statement in c.sql:
            stdout.print(Text(f"      fix: {statement}", style="dim"))
    failed = sum(c.status == "fail" for c in report.checks)
    warned = sum(c.status == "warn" for c in report.checks)
    verdict = "verify failed" if failed else "verify passed"
    stdout.print(Text(f"{verdict}: {failed} failed, {warned} warning(s)"))
