"""`migwiz status` lists a real set's migrations in the order its own tool applies them."""

from __future__ import annotations

import pytest

from tests.conftest import TestDatabase
from tests.helpers import run_cli
from tests.realworld.realsets import SETS, RealSet
from tests.realworld.tools import identity_of


@pytest.mark.parametrize("real", [s.param("order") for s in SETS])
def test_status_order_is_the_tools_order(real: RealSet, db_latest: TestDatabase) -> None:
    result = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", real.folder)
    assert result.stdout, f"status printed no JSON: {result.stderr.strip()}"
    shown = [identity_of(real.tool, m["version"], m["name"]) for m in result.json()["migrations"]]
    tool_order = real.tool_order()
    expected = [m.identity for m in tool_order]
    assert shown == expected, _first_difference(
        real, shown, expected, [str(m.up.relative_to(real.folder)) for m in tool_order]
    )


def _first_difference(real: RealSet, shown: list[str], expected: list[str], files: list[str]) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(shown, expected, strict=False)) if a != b),
        min(len(shown), len(expected)),
    )
    status_says = shown[at] if at < len(shown) else "(nothing)"
    tool_says = f"{expected[at]} ({files[at]})" if at < len(expected) else "(nothing)"
    return (
        f"{real.name}: status lists {len(shown)} migrations, {real.tool} {len(expected)}; "
        f"first difference at position {at + 1}: status {status_says}, {real.tool} {tool_says}"
    )
