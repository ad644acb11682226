"""`fleet status` and `fleet drift` on a terminal: what hundreds of targets look like in 80 columns."""

from __future__ import annotations

from typing import Any

from migwiz.present import MATRIX_STYLES

GLYPHS = {"A": "✓", "P": "·", "R": "▶", "S": "‖", "F": "✗", "C": "≠", "M": "?", "-": " "}
LEGEND = "✓ applied  · pending  ▶ running  ‖ stopped  ✗ failed  ≠ edited  ? file missing"
MAX_COLUMNS = 36
"""Versions shown side by side at most; more are cut with `…` (the counts table names them all)."""

Line = tuple[str, str]
"""(text, style)."""


def names_within(names: list[str], total: int, width: int) -> str:
    """As many names as fit in `width`, then `+N more`.

    >>> names_within(["eu/a", "eu/b", "eu/c"], 3, 14)
    'eu/a, +2 more'
    >>> names_within(["eu/a", "eu/b"], 2, 40)
    'eu/a, eu/b'
    """
    shown: list[str] = []
    for i, name in enumerate(names):
        rest = total - i - 1
        tail = f", +{rest} more" if rest else ""
        if len(", ".join([*shown, name])) + len(tail) > width:
            break
        shown.append(name)
    left = total - len(shown)
    if not shown:
        return f"{total} targets" if total > 1 else (names[0][: max(width - 1, 1)] + "…" if names else "")
    return ", ".join(shown) + (f", +{left} more" if left else "")


def status_lines(matrix: Any, width: int = 80) -> list[Line]:
    """The matrix in `width` columns: the versions not yet applied everywhere with their counts, then one
    line per group of identical targets (failed and running first) with a glyph per version."""
    uniform = set(matrix.uniform())
    shown = [i for i, v in enumerate(matrix.versions) if v not in uniform]
    cut = len(shown) > MAX_COLUMNS
    shown = shown[:MAX_COLUMNS]
    lines: list[Line] = []
    head = f"{matrix.targets} targets × {len(matrix.versions)} versions"
    if uniform:
        lines.append((f"{head}: {len(uniform)} version(s) applied everywhere, not listed", "dim"))
    else:
        lines.append((head, "dim"))
    if shown:
        heads = "".join(f"{h:>9}" for h in ("applied", "pending", "running", "failed"))
        lines.append((f"{'#':>3}  {'version':<26} {heads}{'other':>7}", "bold"))
        for n, i in enumerate(shown, 1):
            version = matrix.versions[i]
            per = matrix.counts.get(version, {})
            main = [per.get(s, 0) for s in ("applied", "pending", "running", "failed")]
            other = sum(per.values()) - sum(main)
            label = version if len(version) <= 26 else version[:25] + "…"
            lines.append((f"{n:>3}  {label:<26} " + "".join(f"{c:>9}" for c in main) + f"{other:>7}", ""))
        if cut:
            lines.append((f"  … {len(matrix.versions) - len(uniform) - MAX_COLUMNS} more version(s)", "dim"))
    lines.append(("", ""))
    spaced = len(shown) <= 12
    glyph_width = (2 * len(shown) - 1 if spaced else len(shown)) if shown else 1
    header = "".join(str(n % 10) + (" " if spaced else "") for n in range(1, len(shown) + 1)).rstrip()
    lines.append((f"{'targets':>7}  {header:<{glyph_width}}  {'state':<8}  which", "bold"))
    for group in matrix.groups():
        glyphs = [GLYPHS.get(group.row[i], "?") for i in shown] or ["✓"]
        cells = (" " if spaced else "").join(glyphs) + ("…" if cut else "")
        lead = f"{group.count:>7}  {cells:<{glyph_width}}  {group.label:<8}  "
        names = names_within(group.targets, group.count, max(width - len(lead), 12))
        text = lead + names if group.label != "in step" else lead.rstrip()
        lines.append((text, MATRIX_STYLES[group.label]))
    lines.append(("", ""))
    lines.append((LEGEND if shown else "every target has every version applied", "dim"))
    unreachable = f", {len(matrix.unreachable)} unreachable" if matrix.unreachable else ""
    lines.append((f"{matrix.targets} targets: {matrix.in_step} in step, "
                  f"{len(matrix.rows) - matrix.in_step} not{unreachable}", "bold"))  # fmt: skip
    return lines


def drift_lines(result: Any, width: int = 80) -> list[Line]:
    """Groups of identical targets: those differing from the set first, with their differences."""
    lines: list[Line] = []
    for name, states in result.off_set:
        off = ", ".join(f"{v} {s}" for v, s in states.items())
        lines.append((f"history differs from the files: {name}: {off}", "red"))
    for error in result.replay_errors:
        lines.append((f"the files could not be replayed: {error}", "bold red"))
    ordered = sorted(result.groups, key=lambda g: {False: 0, None: 1, True: 2}[g.matches_set])
    for group in ordered:
        upto = f" (history up to {group.applied[-1]})" if group.applied else " (nothing applied)"
        if group.matches_set is False:
            head = f"differs from the set: {group.count} target(s){upto}: "
            style = "red"
        elif group.matches_set is None:
            head, style = f"not compared: {group.count} target(s){upto}: ", "yellow"
        else:
            head, style = f"{group.count} target(s) as the set makes them{upto}: ", "green"
        lines.append((head + names_within(group.targets, group.count, max(width - len(head), 12)), style))
        lines += [(f"  - {sentence}", "") for sentence in group.differences]
    verdict = "drift" if result.drifted else "no drift"
    lines.append((f"{result.targets} targets · {len(result.groups)} distinct schema(s) · "
                  f"{result.diverged_targets} differ from the set · {result.replays} replay(s): {verdict}",
                  "bold"))  # fmt: skip
    return lines


def rollout_lines(progress: Any) -> list[Line]:
    """The state file's newest fleet run under the matrix: how it ended, where its wave plan got to, the
    failed targets named with their errors (none without a state file)."""
    if progress is None:
        return []
    style = {"success": "green", "stopped": "yellow", None: "cyan"}.get(progress.outcome, "bold red")
    counts = ", ".join(f"{n} {s}" for s, n in sorted(progress.counts().items())) or "no target yet"
    lines: list[Line] = [
        ("", ""),
        (
            f"last fleet run {(progress.fleet_run or '?')[:8]} {progress.command}: {progress.outcome_text}",
            style,
        ),
        (f"  {progress.wave or 'planning'} · {counts}", ""),
    ]
    failed = progress.named("failed", len(progress.states))
    lines += [(f"  failed: {name}: {progress.errors.get(name, '')}", "red") for name in failed[:10]]
    if len(failed) > 10:
        lines.append((f"  … {len(failed) - 10} more failed target(s) (--json names them all)", "red"))
    return lines
