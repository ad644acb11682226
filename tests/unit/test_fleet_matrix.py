"""`fleet status`'s matrix with no database: rows, groups, the full grid, and 80 columns at 300 targets."""

from __future__ import annotations

from types import SimpleNamespace

from migwiz.console.fleet_reports import status_lines
from migwiz.engine.fleet.matrix import StatusMatrix

VERSIONS = ["20240101000000", "20240201000000", "20240301000000", "20240401000000", "20240501000000"]


def statuses(*states: str) -> list[SimpleNamespace]:
    pairs = zip(VERSIONS, states, strict=False)
    return [SimpleNamespace(version=v, standing=SimpleNamespace(state=s)) for v, s in pairs]


def fleet_of_300() -> StatusMatrix:
    matrix = StatusMatrix(list(VERSIONS))
    for i in range(300):
        name = f"eu-west/shop_{i:04d}"
        if i in (17, 230):
            matrix.add(name, statuses("applied", "applied", "failed", "pending", "pending"))
        elif i == 101:
            matrix.add(name, statuses("applied", "applied", "running", "pending", "pending"))
        elif i % 50 == 3:
            matrix.add(name, statuses("applied", "applied", "applied", "pending", "pending"))
        else:
            matrix.add(name, statuses(*["applied"] * 5))
    matrix.add("eu-west/shop_gone", None, "connection refused")
    return matrix


def test_groups_put_failed_and_running_first_and_json_has_every_row() -> None:
    matrix = fleet_of_300()
    groups = matrix.groups()
    assert [(g.label, g.count) for g in groups] == [("failed", 2), ("running", 1), ("behind", 6),
                                                     ("in step", 291)]  # fmt: skip
    assert groups[0].targets == ["eu-west/shop_0017", "eu-west/shop_0230"]
    assert (matrix.targets, matrix.in_step, len(matrix.unreachable)) == (301, 291, 1)
    data = matrix.to_json()
    assert len(data["grid"]) == 300
    assert data["grid"][17] == {"target": "eu-west/shop_0017", "states": dict(zip(VERSIONS, [
        "applied", "applied", "failed", "pending", "pending"], strict=True))}  # fmt: skip
    assert data["counts"]["20240301000000"] == {"applied": 297, "failed": 2, "running": 1}


def test_300_targets_read_in_80_columns() -> None:
    lines = [text for text, _ in status_lines(fleet_of_300(), width=80)]
    assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
    assert len(lines) <= 20
    text = "\n".join(lines)
    assert "2 version(s) applied everywhere, not listed" in text  # only versions 3..5 have columns
    body = [
        line
        for line in lines
        if line.strip()
        and line.split()[0].isdigit()
        and "  " in line[8:]
        and any(label in line for label in ("failed ", "running ", "behind ", "in step"))
    ]
    assert [line.split()[0] for line in body] == ["2", "1", "6", "291"]
    assert body[0].split()[1:5] == ["✗", "·", "·", "failed"]
    assert "eu-west/shop_0017, eu-west/shop_0230" in body[0]
    assert "+" in body[2] and "more" in body[2]  # 6 behind: the names that fit, then how many more
    assert text.splitlines()[-1] == "301 targets: 291 in step, 9 not, 1 unreachable"


def test_a_version_only_a_history_knows_gets_a_column() -> None:
    matrix = StatusMatrix(VERSIONS[:2])
    matrix.add("a", statuses("applied", "applied"))
    missing = SimpleNamespace(version="9", standing=SimpleNamespace(state="missing_file"))
    matrix.add("b", [*statuses("applied", "applied"), missing])
    assert matrix.versions == [*VERSIONS[:2], "9"]
    assert [(g.label, g.row) for g in matrix.groups()] == [("missing", "AAM"), ("in step", "AA-")]
    assert matrix.in_step == 1
