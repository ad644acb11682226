"""CLI tables at 80 columns on a real set: versions and names whole on one line (never wrapped, not even
at `_`), prose shrunk first, empty columns dropped, records when the names do not fit, natural width in a
file."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from migwiz.console import output
from migwiz.console.status_view import print_status
from migwiz.console.tables import table
from migwiz.engine.history.status import compute_status
from migwiz.engine.sets import load_migration_set

SETS = Path(__file__).parents[1] / "realworld" / "sets"


def rendered(width: int, render: object) -> list[str]:
    console = Console(width=width, color_system=None, force_terminal=False, soft_wrap=True)
    with console.capture() as cap:
        console.print(render)
    return cap.get().splitlines()


def records(lines: list[str]) -> list[dict[str, str]]:
    """The `column  value` records of a table printed as records (prose continued below joined back)."""
    found: list[dict[str, str]] = [{}]
    key = ""
    for line in lines:
        if not line.strip():
            found.append({})
            continue
        if line[0] != " ":
            key, _, value = line.partition(" ")
            found[-1][key] = value.strip()
        else:
            found[-1][key] += " " + line.strip()
    return [r for r in found if r]


@pytest.mark.parametrize("set_name", ["crates-io", "docs-rs", "kestra"])
def test_status_at_80_columns_keeps_versions_and_names_whole(
    set_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every version and name on one line, whole: as a table where they fit, else one record per row."""
    mset = load_migration_set(SETS / set_name / "migrations")
    statuses = compute_status(mset, [])
    console = Console(width=80, color_system=None, force_terminal=False, soft_wrap=True)
    monkeypatch.setattr(output, "stdout", console)
    with console.capture() as cap:
        print_status(statuses, root=Path("m"), layout="x", initialised=True)
    lines = cap.get().splitlines()
    table_lines = lines[: lines.index(next(x for x in lines if x.endswith("need attention")))]
    phases = next((n for n, x in enumerate(table_lines) if x.startswith("change ")), len(table_lines))
    table_lines = table_lines[:phases]
    expected = {str(s.version): s.name for s in statuses}
    if table_lines[0].split()[:2] == ["version", "name"]:
        assert "applied" not in table_lines[0]  # empty: dropped
        start = table_lines[0].index("name")
        shown = {x.split()[0]: x[start:].split()[0] for x in table_lines[1:] if x[:1].strip()}
        assert max(len(x) for x in table_lines) <= 80
        assert all(not x[:start].strip() or x[:start].split()[0] in expected for x in table_lines[1:])
    else:
        shown = {r["version"]: r["name"] for r in records(table_lines)}
    assert shown == expected


def test_prose_shrinks_first_and_a_name_never_wraps() -> None:
    t = table("version", "name", "detail")
    t.add_row("2024-02-12-120203", "remove_unused_indexes_from_crates", "a long detail " * 8)
    lines = rendered(80, t)  # the detail, down to 26 cells, makes room for the whole name
    assert lines[1].startswith("2024-02-12-120203  remove_unused_indexes_from_crates  a long detail")
    assert max(len(x) for x in lines) <= 80
    narrow = rendered(60, t)  # the name does not fit beside the detail: a record, the name whole
    assert narrow[:2] == ["version  2024-02-12-120203", "name     remove_unused_indexes_from_crates"]
    assert narrow[2].startswith("detail   a long detail") and max(len(x) for x in narrow) <= 60
    assert all(x.startswith(" " * 9) for x in narrow[3:]), narrow


def test_a_name_longer_than_the_line_runs_past_it_whole() -> None:
    """No place in a name is a right place to break it: the terminal folds the line, a file keeps it."""
    t = table("version", "name")
    name = "add_a_very_long_descriptive_migration_name_that_never_fits_in_forty_columns"
    t.add_row("20240101000000", name)
    lines = rendered(40, t)
    assert lines == ["version  20240101000000", f"name     {name}"]


def test_a_table_in_a_file_takes_the_width_its_cells_need(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for asked in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE"):  # a width or a terminal asked for
        monkeypatch.delenv(asked, raising=False)
    t = table("version", "name", "detail")
    t.add_row("0002", "index_orders_customer_id", "without a transaction (directive) " * 4)
    with (tmp_path / "out.txt").open("w") as f:
        Console(file=f, color_system=None, soft_wrap=True, force_terminal=False).print(t)  # a file
    lines = (tmp_path / "out.txt").read_text().splitlines()
    assert len(lines) == 2 and lines[1].startswith("0002     index_orders_customer_id  without")
    assert len(lines[1].rstrip()) > 80


def test_a_prose_column_never_cuts_a_word() -> None:
    t = table("version", "name", "detail")
    t.add_row("0007", "orders_amount_cents_contract", "without a transaction (directive) " * 3)
    lines = rendered(50, t)
    assert max(len(x) for x in lines) <= 50
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
    console = Console(width=80, color_system=None, force_terminal=False, soft_wrap=True)
    monkeypatch.setattr(output, "stdout", console)
    with console.capture() as cap:
        print_status(statuses, root=Path("m"), layout="prisma", initialised=True)
    lines = cap.get().splitlines()
    table_lines = lines[: lines.index(next(x for x in lines if x.endswith("need attention")))]
    shown = {str(s.version).split("_", 1)[0]: str(s.version).split("_", 1)[1] for s in statuses}
    assert {r["version"]: r["name"] for r in records(table_lines)} == shown  # too long for a table: records
    assert table_lines[:5] == [f"version  {next(iter(shown))}", f"name     {next(iter(shown.values()))}",
                               "state    pending", "detail   no down script", ""]  # fmt: skip


def test_droppable_columns_go_before_rows_become_records() -> None:
    """`status` at 80 columns: `txn` (the detail repeats it) goes, the table stays a table, names whole."""

    def status() -> object:  # a table renders once (it drops columns as it renders)
        t = table("version", "name", "phase", "txn", "state", "detail", droppable=("txn", "phase"))
        t.add_row(
            "0007", "orders_amount_cents_contract", "contract", "no", "pending", "without a transaction"
        )
        t.add_row("0006", "orders_amount_cents_backfill", "backfill", "", "pending", "")
        return t

    lines = rendered(70, status())
    assert lines[0].split() == ["version", "name", "phase", "state", "detail"], lines
    assert lines[1].startswith("0007     orders_amount_cents_contract  contract  pending")
    lines = rendered(60, status())  # phase goes too
    assert lines[0].split() == ["version", "name", "state", "detail"], lines
    assert max(len(x.rstrip()) for x in lines) <= 60
    assert rendered(120, status())[0].split() == ["version", "name", "phase", "txn", "state", "detail"]


def test_quantity_columns_never_wrap() -> None:
    """`backfill status` at 80 columns printed `511 k / 1.0` and `M` on the next line."""
    t = table("id", "rows", "ETA", "workers", "batch", "note", droppable=("batch",), whole=("rows", "eta"))
    t.add_row("0006", "511 k / 1.0 M", "1 min 3 s", "1 · 32/64 left", "108", "a long note " * 3)
    lines = rendered(60, t)
    assert lines[1].split()[:12] == ["0006", "511", "k", "/", "1.0", "M", "1", "min", "3", "s", "1", "·"], (
        lines
    )
    assert "batch" not in lines[0] and max(len(x.rstrip()) for x in lines) <= 60, lines


def test_a_prose_column_keeps_a_number_with_its_unit() -> None:
    """`migwiz plan` at 80 columns printed `337.6` at the end of one line and `MB` on the next."""
    t = table("line", "size / rows", "estimate")
    t.add_row("5", "public.orders 337.6 MB (heap 162.9 MB, indexes 174.7 MB), 1.0 M rows", "42 s")
    lines = rendered(30, t)
    assert max(len(x.rstrip()) for x in lines) <= 30, lines
    cells = [x[6:22].rstrip() for x in lines[1:]]  # the size column
    assert not any(c.endswith(("337.6", "162.9", "174.7", " 1.0")) for c in cells), lines
    assert " ".join(" ".join(cells).split()).startswith("public.orders 337.6 MB (heap 162.9 MB,"), lines


def test_status_at_80_columns_keeps_the_applied_date_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo with its backfill stopped at 20 %: `2026-12-06 17:58` wrapped as `2026-12-06` / `17:58`
    and the standing read `(210580 of ~1014703 row` / `s)`. A timestamp is one quantity; counts are human."""
    from datetime import UTC, datetime

    from migwiz.engine.backfill.store import Checkpoint
    from migwiz.engine.history.standing import BackfillFacts
    from migwiz.engine.history.state import HistoryRow

    mset = load_migration_set(Path(__file__).parents[2] / "migwiz" / "demo" / "migrations")
    at = datetime(2026, 12, 6, 17, 58, tzinfo=UTC)
    row = ("postgres", "ops", "db1", 12.0, None)
    history = [
        HistoryRow(str(m.version), m.name, m.checksum, at, *row, n < 5, 1, None, False, None)
        for n, m in enumerate(mset.migrations[:6])
    ]
    stopped = Checkpoint(
        "0006", "public.orders", ("id",), "UPDATE orders SET x = 1", ("9",), ("5",), 210_580, 210_580, 3,
        1_014_703, 500, 100.0, "running", 4711, at, at, None,
    )  # fmt: skip
    console = Console(width=80, color_system=None, force_terminal=False, soft_wrap=True)
    monkeypatch.setattr(output, "stdout", console)
    with console.capture() as cap:
        statuses = compute_status(mset, history, {"0006": BackfillFacts(stopped, alive=False)})
        print_status(statuses, root=Path("m"), layout="x", initialised=True)
    text = cap.get()
    lines = text.splitlines()
    assert max(len(x) for x in lines) <= 80, lines
    assert sum("2026-12-06 17:58" in x for x in lines) == 5, text
    assert not any(x.strip().startswith("17:58") for x in lines), text
    assert "(211 k of ~1.0 M rows)" in " ".join(" ".join(lines).split()), text
    assert lines[0].split()[:2] == ["version", "name"], text  # a table, not one record per row
    assert any(x.startswith("0006  backfill stopped at 20 %") for x in lines), text  # under the table


def test_a_diesel_status_at_80_columns_is_a_table_with_its_notes_under_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ChirpStack's 31 Diesel migrations printed as 31 five-line records at 80 columns (a 44-character name
    beside a 22-character version left no room for `down`): `down` gives way, the one migration without a
    down script says so under the table, and rows with the same note are named once, as a range."""
    mset = load_migration_set(SETS / "chirpstack" / "migrations")
    statuses = compute_status(mset, [])
    console = Console(width=80, color_system=None, force_terminal=False, soft_wrap=True)
    monkeypatch.setattr(output, "stdout", console)
    with console.capture() as cap:
        print_status(statuses, root=Path("m"), layout="diesel", initialised=True)
    lines = cap.get().splitlines()
    assert lines[0].split() == ["version", "name", "state"], lines[:3]
    assert max(len(x.rstrip()) for x in lines) <= 80
    rows = {x.split()[0]: x.split()[1] for x in lines[1 : 1 + len(statuses)]}
    assert rows == {str(s.version): s.name for s in statuses}
    assert "2025-08-04-085822  no down script" in lines, lines
    table = table_with_notes()
    assert rendered(60, table)[-1] == "1 … 3 (3)  applied by diesel, not adopted yet", rendered(60, table)


def table_with_notes() -> object:
    t = table("version", "name", "state", "detail", below="detail")
    for n in (1, 2, 3):
        t.add_row(
            str(n), f"migration_number_{n}_with_a_long_name", "applied", "applied by diesel, not adopted yet"
        )
    return t


def test_a_table_a_cell_too_wide_takes_one_space_between_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """measure's dbmate set with applied rows at 80 columns was 81 cells wide: 72 migrations as 360 lines of
    records. One space between columns makes it a table; the timestamp stays whole."""
    from datetime import UTC, datetime

    from migwiz.engine.history.state import HistoryRow

    mset = load_migration_set(SETS / "measure" / "migrations")
    at = datetime(2026, 12, 6, 17, 58, tzinfo=UTC)
    row = ("postgres", "ops", "db1", 12.0, None)
    history = [
        HistoryRow(str(m.version), m.name, m.checksum, at, *row, True, 1, None, False, None)
        for m in mset.migrations[:4]
    ]
    console = Console(width=80, color_system=None, force_terminal=False, soft_wrap=True)
    monkeypatch.setattr(output, "stdout", console)
    with console.capture() as cap:
        print_status(compute_status(mset, history), root=Path("m"), layout="dbmate", initialised=True)
    lines = cap.get().splitlines()
    assert lines[0].split() == ["version", "name", "state", "applied"], lines[:3]
    assert lines[1].split() == ["20240830075257", "create_roles_table", "applied", "2026-12-06", "17:58"]
    assert max(len(x.rstrip()) for x in lines) <= 80
    assert len(lines) < len(mset.migrations) + 5
