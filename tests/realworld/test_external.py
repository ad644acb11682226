"""The sets of external.toml, fetched into the cache by `python -m tests.realworld.fetch_external`.

Their licences (AGPL-3.0, the Functional Source License) do not allow vendoring them, so they are checked
only where they were fetched (skipped, saying how to fetch them, elsewhere), in `make test-realworld`:
the tool reads the pinned number of migrations, `status` lists them in the tool's order, `up` on an empty
database builds the schema psql builds applying the files the tool's way, and `drift` then finds nothing.
"""

from __future__ import annotations

import difflib
import subprocess
from collections.abc import Callable

import pytest

from tests.conftest import TestDatabase, create_database, drop_database
from tests.helpers import run_cli
from tests.realworld.realsets import EXTERNAL, RealSet, apply_with_psql, schema_dump
from tests.realworld.test_order import LAYOUTS
from tests.realworld.tools import identity_of

pytestmark = [pytest.mark.realworld, pytest.mark.timeout(1800)]


def _fetched(real: RealSet) -> RealSet:
    if not real.folder.is_dir():
        pytest.skip(f"{real.name} is not fetched: python -m tests.realworld.fetch_external {real.name}")
    return real


@pytest.mark.parametrize("real", EXTERNAL, ids=lambda s: s.name)
def test_external_set_runs_as_its_tool_runs_it(
    real: RealSet, db_for: Callable[[RealSet], TestDatabase]
) -> None:
    _fetched(real)
    order = real.tool_order()
    assert len(order) == real.migrations
    db = db_for(real)
    status = run_cli("status", "--json", "--dsn", db.dsn, "--dir", real.folder)
    shown = [identity_of(real.tool, m["version"], m["name"]) for m in status.json()["migrations"]]
    assert shown == [m.identity for m in order]
    assert status.json()["layout"] == LAYOUTS[real.tool]
    if real.dump:  # its databases start from the tool's dump: test_external_set_from_its_dump
        return

    real.prepare(db)
    args = ["--allow-irreversible", "--force-risky", "--lock-timeout", "30s", *real.baseline_args]
    up = run_cli("up", *args, "--dsn", db.dsn, "--dir", real.folder, timeout=1800)
    assert up.code == 0, f"{real.name}: migwiz up failed:\n{up.stdout[-3000:]}\n{up.stderr[-3000:]}"
    reference = create_database(db.server)
    try:
        real.prepare(reference)
        apply_with_psql(reference, order)
        by_tool = schema_dump(db.server, reference.dsn)
    finally:
        drop_database(reference)
    by_migwiz = schema_dump(db.server, db.dsn)
    diff = difflib.unified_diff(by_tool, by_migwiz, f"{real.tool} via psql", "migwiz up", lineterm="", n=0)
    assert by_migwiz == by_tool, "\n".join(list(diff)[:80])
    drift = run_cli(
        "drift", "--json", *real.baseline_args, "--dsn", db.dsn, "--dir", real.folder, timeout=900
    )
    assert drift.code == 0, f"{real.name}: drift after up:\n{drift.stdout[-3000:]}\n{drift.stderr[-2000:]}"


@pytest.mark.parametrize("real", [s for s in EXTERNAL if s.dump], ids=lambda s: s.name)
def test_external_set_from_its_dump_is_adopted_without_drift(
    real: RealSet, db_for: Callable[[RealSet], TestDatabase]
) -> None:
    """The project's way: psql loads the tool's dump (its history rows list every migration it holds),
    `adopt` imports that history, and `drift` from the dump as baseline replays none of those migrations
    (some do not apply from scratch) and finds nothing."""
    _fetched(real)
    assert real.dump is not None
    dump = real.folder.parent / real.dump
    db = db_for(real)
    psql = db.server.binaries.tool("psql")
    args = [str(psql), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db.dsn, "-f", str(dump)]
    loaded = subprocess.run(args, capture_output=True, text=True, check=False, timeout=600)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    where = ["--dsn", db.dsn, "--dir", real.folder]
    adopted = run_cli("adopt", "--from", real.tool, *where, timeout=900)
    assert adopted.code == 0, adopted.stdout[-2000:] + adopted.stderr[-2000:]
    states = [m["state"] for m in run_cli("status", "--json", *where).json()["migrations"]]
    assert states == ["applied"] * real.migrations
    drift = run_cli("drift", "--json", "--baseline", dump, *where, timeout=900)
    assert drift.code == 0, drift.stdout[-3000:] + drift.stderr[-2000:]
    assert f"the baseline stands for {real.migrations} migrations" in " ".join(drift.json()["notes"])
