"""`migwiz up` on an empty database builds the schema the set's own tool builds, and leaves no drift.

The tool's way is psql, one file at a time in the tool's order, in a transaction (`-1`) exactly when
the tool uses one (tools.py). Both databases live on the same server; their `pg_dump --schema-only`
(without migwiz's own schema, normalised by `schema_dump`) must be equal.

`up` is the expensive part (every migration of a real set, through the CLI): it runs once per set and
server, and both checks read the database it leaves (`drift` only reads the schema). `make test` runs
each set on one server, the servers taking turns (`default_servers`), so every version applies real
sets; `make test-realworld` runs every (set, server) pair, and the `heavy` sets (sets.toml) only there.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator

import pytest

from migwiz.engine.servers.local import Binaries, LocalServer
from tests.conftest import BINARIES, TestDatabase, create_database, drop_database, server_for
from tests.helpers import run_cli
from tests.realworld.realsets import SETS, RealSet, apply_with_psql, require_extensions, schema_dump


def _up(db: TestDatabase, real: RealSet) -> None:
    real.prepare(db)
    # Real sets hold statements lint rates error (unsafe on a big, busy table; harmless on an empty one):
    # without a terminal `up` refuses them unless told, as a careful pipeline would have to.
    args = ["--allow-irreversible", "--force-risky", "--lock-timeout", "30s", *real.baseline_args]
    result = run_cli("up", *args, "--dsn", db.dsn, "--dir", real.folder, timeout=900)
    assert result.code == 0, (
        f"migwiz up failed on {real.name}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )


def default_servers() -> dict[str, Binaries]:
    """Each set's server in `make test`: of those offering its extensions, the one given fewest sets so far
    (the oldest on a tie), so that each version applies some of the sets."""
    given: dict[int, int] = {b.major: 0 for b in BINARIES}
    chosen: dict[str, Binaries] = {}
    for real in (s for s in SETS if not s.heavy and not s.order_only):
        offering = [
            b for b in sorted(BINARIES, key=lambda b: b.major) if set(real.extensions) <= b.extensions()
        ]
        if offering:
            best = min(offering, key=lambda b: given[b.major])
            chosen[real.name] = best
            given[best.major] += 1
    return chosen


def pairs(check: str) -> list[object]:
    """(set, server) params: each set's default server in `make test`, the other servers under the
    `realworld` marker (`make test-realworld`). What a server version changes is how it runs the same SQL
    and what its pg_dump prints: the turns keep every version in the default run, the full matrix is the
    exhaustive tier."""
    default = default_servers()
    params: list[object] = []
    for binaries in BINARIES:
        for real in (s for s in SETS if not s.order_only):
            base = real.param(check)
            marks = list(base.marks)  # type: ignore[attr-defined]  # a ParameterSet
            if default.get(real.name) is not binaries:
                marks.append(pytest.mark.realworld)
            params.append(pytest.param(real, binaries, id=f"pg{binaries.major}-{real.name}", marks=marks))
    return params


Applied = Callable[[RealSet, LocalServer], TestDatabase]


@pytest.fixture(scope="module")
def applied() -> Iterator[Applied]:
    """A factory: the database `migwiz up` built from the set on this server, made on first use.

    A failed `up` is remembered and fails every check that asks for that set and server again.
    """
    made: dict[tuple[str, int], TestDatabase] = {}
    failed: dict[tuple[str, int], str] = {}

    def get(real: RealSet, server: LocalServer) -> TestDatabase:
        key = (real.name, server.major)
        if key in failed:
            pytest.fail(failed[key])
        if key not in made:
            require_extensions(TestDatabase(server, "postgres"), real)
            database = create_database(server)
            made[key] = database
            try:
                _up(database, real)
            except Exception as error:  # the assertion of `_up`, or its timeout
                failed[key] = str(error)
                raise
        return made[key]

    yield get
    for database in made.values():
        drop_database(database)


@pytest.mark.parametrize(("real", "binaries"), pairs("apply"))
def test_up_builds_the_schema_the_tool_builds(real: RealSet, binaries: Binaries, applied: Applied) -> None:
    db = applied(real, server_for(binaries))
    reference = create_database(db.server)
    try:
        real.prepare(reference)
        apply_with_psql(reference, real.reference_order())
        by_tool = schema_dump(db.server, reference.dsn)
    finally:
        drop_database(reference)
    by_migwiz = schema_dump(db.server, db.dsn)
    if by_migwiz != by_tool:
        diff = difflib.unified_diff(
            by_tool, by_migwiz, f"{real.tool} via psql", "migwiz up", lineterm="", n=0
        )
        pytest.fail(f"{real.name}: schemas differ on PostgreSQL {db.major}:\n" + "\n".join(list(diff)[:80]))


@pytest.mark.parametrize(("real", "binaries"), pairs("drift"))
def test_no_drift_after_up(real: RealSet, binaries: Binaries, applied: Applied) -> None:
    db = applied(real, server_for(binaries))
    result = run_cli(
        "drift", "--json", *real.baseline_args, "--dsn", db.dsn, "--dir", real.folder, timeout=900
    )
    assert result.code == 0, f"{real.name}: drift after up:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("CREATE TABLE t (a int, b int)", "CREATE TABLE t (b int, a int)"),
        ("CREATE TABLE t (a int DEFAULT 1)", "CREATE TABLE t (a int DEFAULT 2)"),
        (
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n-- one\nSELECT 1\n$$",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n-- two\nSELECT 1\n$$",
        ),
    ],
    ids=["column-order", "default", "comment-in-function-body"],
)
def test_schema_dump_tells_schemas_apart(left: str, right: str, db_latest: TestDatabase) -> None:
    other = create_database(db_latest.server)
    try:
        db_latest.execute(left)
        other.execute(right)
        assert schema_dump(db_latest.server, db_latest.dsn) != schema_dump(db_latest.server, other.dsn)
        other.execute("DROP TABLE IF EXISTS t; DROP FUNCTION IF EXISTS f();")
        other.execute(left)
        assert schema_dump(db_latest.server, db_latest.dsn) == schema_dump(db_latest.server, other.dsn)
    finally:
        drop_database(other)


@pytest.mark.parametrize("real", [s for s in SETS if s.tool_fails], ids=lambda s: s.name)
def test_where_the_tool_itself_fails_migwiz_says_so(
    real: RealSet, db_for: Callable[[RealSet], TestDatabase]
) -> None:
    """rsky-feedgen's 2025-09-19-120336-0000_027 holds three CREATE INDEX CONCURRENTLY and no metadata.toml:
    Diesel's transaction refuses them (psql `-1` the same), where migwiz runs them one by one and its
    `status` names where Diesel fails (the schema check above applies them one by one in the reference)."""
    db = db_for(real)
    require_extensions(db, real)
    real.prepare(db)
    order = real.tool_order()
    for at, migration in enumerate(order):
        if migration.identity not in real.tool_fails:
            continue
        apply_with_psql(db, order[:at])
        with pytest.raises(AssertionError, match="cannot run inside a transaction block"):
            apply_with_psql(db, [migration])
        notices = run_cli("status", "--json", "--dsn", db.dsn, "--dir", real.folder).json()["notices"]
        assert any(
            n.startswith(f"{migration.up}:") and "Diesel runs the file in a transaction" in n for n in notices
        ), notices
        break
    else:
        pytest.fail(f"{real.name}: tool_fails names no migration of the set")
