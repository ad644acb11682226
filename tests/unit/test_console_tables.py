"""CLI tables at 80 columns on a real set: versions whole, names wrapped only where their words meet,
prose shrunk first, empty columns dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from migwiz.console import output
from migwiz.console.status_view import print_status
from migwiz.console.tables import table, wrap_name
from migwiz.engine.history.status import compute_status
from migwiz.engine.sets import load_migration_set

SETS = Path(__file__).parents[1] / "realworld" / "sets"


def rendered(width: int, render: object) -> list[str]:
    console = Console(width=width, color_system=None, force_terminal=False)
    with console.capture() as cap:
        console.print(render)
    return cap.get().splitlines()


def name_cells(lines: list[str], versions: set[str]) -> dict[str, str]:
    """Each row's name, its wrapped lines joined back (no space after `_`, `-`, `.`)."""
    start = lines[0].index("name")
    end = lines[0].index(next(h for h in lines[0][start + 4 :].split()))
    names: dict[str, str] = {}
    version = ""
    for line in lines[1:]:
        head = line[:start].strip()
        if head in versions:
            version = head
            names[version] = ""
        part = line[start:end].strip()
        if version and part:
            sep = "" if not names[version] or names[version][-1] in "_-." else " "
            names[version] += sep + part
    return names


@pytest.mark.parametrize("set_name", ["crates-io", "docs-rs", "kestra"])
def test_status_at_80_columns_keeps_versions_and_names_whole(
    set_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    mset = load_migration_set(SETS / set_name / "migrations")
    statuses = compute_status(mset, [])
    console = Console(width=80, color_system=None, force_terminal=False)
    monkeypatch.setattr(output, "stdout", console)
    with console.capture() as cap:
        print_status(statuses, root=Path("m"), layout="x", initialised=True)
    lines = cap.get().splitlines()
    table_lines = lines[: lines.index(next(x for x in lines if x.endswith("need attention")))]
    assert max(len(x) for x in table_lines) <= 80
    assert lines[0].split()[:2] == ["version", "name"] and "applied" not in lines[0]  # empty: dropped
    versions = {str(s.version) for s in statuses}
    names = name_cells(table_lines, versions)
    assert names == {str(s.version): s.name for s in statuses}
    assert "…" not in "".join(names.values())


def test_prose_shrinks_before_names_and_versions_never_shrink() -> None:
    t = table("version", "name", "detail")
    t.add_row("2024-02-12-120203", "remove_unused_indexes_from_crates", "a long detail " * 8)
    lines = rendered(80, t)  # the detail, down to 26 cells, makes room for the whole name
    assert lines[1].startswith("2024-02-12-120203  remove_unused_indexes_from_crates  a long detail")
    assert max(len(x) for x in lines) <= 80
    narrow = rendered(60, t)  # the detail down to 10 cells first, then the name wraps after `_`
    assert max(len(x) for x in narrow) <= 60
    assert narrow[1].startswith("2024-02-12-120203  remove_unused_indexes_from_  ")
    assert narrow[2].startswith(" " * 19 + "crates ")
    assert narrow[1].rstrip().endswith(" a long")


def test_a_name_breaks_only_after_a_separator() -> None:
    assert wrap_name("add-crate-downloads-table", 12) == "add-crate-\ndownloads-\ntable"
    assert wrap_name("notifications to crate owners", 16) == "notifications to\ncrate owners"
    assert wrap_name("averyveryverylongword_x", 8) == "averyveryverylongword_\nx"


def test_a_prose_column_never_cuts_a_word() -> None:
    t = table("version", "name", "detail")
    t.add_row("0007", "orders_amount_cents_contract", "without a transaction (directive) " * 3)
    lines = rendered(45, t)
    assert max(len(x) for x in lines) <= 45
    assert "…" not in "\n".join(lines)
    assert any(line.rstrip().endswith("transaction") for line in lines), lines


def test_a_table_too_wide_for_the_terminal_prints_records() -> None:
    """Ten columns at 80: each row as `column  value` lines, nothing cut, rows apart by a blank line."""
    headers = ("id", "table", "state", "done", "rows", "rate", "ETA", "workers", "batch", "brake / control")
    t = table(*headers)
    t.add_row("0006", "orders_amount_cents", "stopped", "82 %", "166 k / 200 k", "19 k/s", "1.8 s",
              "- · 11/64 left", "48 k", "1 worker, max 20 k rows/s")  # fmt: skip
    t.add_row("0011", "order_items_archive", "running", "3 %", "1 k / 40 k", "2 k/s", "18 s",
              "2 · 60/64 left", "1 k", "paused")  # fmt: skip
    lines = rendered(60, t)
    assert max(len(x) for x in lines) <= 60 and "…" not in "\n".join(lines)
    assert [x.split()[:2] for x in lines[:3]] == [["id", "0006"], ["table", "orders_amount_cents"],
                                                  ["state", "stopped"]]  # fmt: skip
    assert any(x.startswith("brake / control  1 worker, max 20 k rows/s") for x in lines), lines
    assert "" in [x.strip() for x in lines] and any(x.split()[:2] == ["id", "0011"] for x in lines)
    assert any(x.split()[:2] == ["ETA", "1.8"] for x in lines), lines
    wide = rendered(200, t)  # room enough: the table itself
    assert wide[0].split()[:3] == ["id", "table", "state"] and len(wide) == 3


def test_prisma_status_at_80_columns_shows_timestamp_and_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Prisma folder name is its version; shown whole, trigger.dev's 115-character ones pushed every
    other column off an 80- or 120-column screen."""
    mset = load_migration_set(SETS / "trigger-dev" / "migrations")
    statuses = compute_status(mset, [])
    console = Console(width=80, color_system=None, force_terminal=False)
    monkeypatch.setattr(output, "stdout", console)
    with console.capture() as cap:
        print_status(statuses, root=Path("m"), layout="prisma", initialised=True)
    lines = cap.get().splitlines()
    table_lines = lines[: lines.index(next(x for x in lines if x.endswith("need attention")))]
    assert max(len(x) for x in table_lines) <= 80
    assert lines[0].split() == ["version", "name", "state", "down"]
    shown = {str(s.version).split("_", 1)[0]: str(s.version).split("_", 1)[1] for s in statuses}
    assert name_cells(table_lines, set(shown)) == shown
