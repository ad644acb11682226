"""Streaming a migration file statement by statement splits it exactly as the whole text is split."""

from __future__ import annotations

import os
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import migwiz.engine.sets.streamed as streamed_module
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.files import checksum, script
from migwiz.engine.sets.model import Script, Statement
from migwiz.engine.sets.reading import stream_statements
from migwiz.engine.sets.splitting import iter_statements, split_sql
from migwiz.engine.sets.streamed import StreamedStatements, one_per_shape, streamed_script
from migwiz.engine.sets.transactions import TransactionRefused, plan_transaction

REALWORLD = Path(__file__).resolve().parents[1] / "realworld"

TRICKY = (
    "\ufeff-- migwiz:lock-timeout=2s\r\n"
    "CREATE TABLE t (id int, note text); INSERT INTO t VALUES (1, 'a;b''c');\r\n"
    "INSERT INTO t VALUES (2, E'x\\\\'; y'); /* a ; /* nested ; */ comment */ SELECT 1;\r"
    "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;\n"
    "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
    'CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT "semi;colon");\n'
    "SELECT $$ multi\nline ; dollar $$, 'é; ü'  ;  -- trailing ; comment\n"
    "INSERT INTO t VALUES (3, 'unterminated ; string"
)


def whole(path: Path) -> tuple[object, ...]:
    return script(path, path.read_bytes().decode("utf-8")).statements


@pytest.mark.parametrize("piece_size", [1, 2, 3, 7, 64, 4096])
def test_a_tricky_file_streams_into_the_same_statements(tmp_path: Path, piece_size: int) -> None:
    path = tmp_path / "1_a.up.sql"
    path.write_bytes(TRICKY.encode("utf-8"))
    assert tuple(stream_statements(path, piece_size=piece_size)) == whole(path)


def test_real_world_migration_files_stream_into_the_same_statements() -> None:
    files = sorted(p for p in REALWORLD.rglob("*.sql") if p.is_file())
    assert len(files) > 300  # the vendored public sets
    rng = random.Random(13)
    for path in files:
        size = rng.choice([1, 5, 31, 256, 1 << 20])
        assert tuple(stream_statements(path, piece_size=size)) == whole(path), (path, size)


def test_pieces_cut_anywhere_give_the_same_statements() -> None:
    text = TRICKY.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    expected = split_sql(text, path=Path("x.sql"))
    rng = random.Random(7)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, len(text)), rng.randint(1, 40)))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        got = tuple(iter_statements(pieces, path=Path("x.sql"), piece_size=rng.choice([1, 8, 100])))
        assert got == expected, cuts


def test_a_huge_statement_is_scanned_a_few_times_not_once_per_piece(tmp_path: Path) -> None:
    path = tmp_path / "1_a.up.sql"
    values = ",".join(f"({i}, 'row {i}; with a semicolon')" for i in range(20_000))
    path.write_text(f"CREATE TABLE t (id int, v text);\nINSERT INTO t VALUES {values};\nSELECT 1;\n")
    got = list(stream_statements(path, piece_size=1000))
    assert [s.line for s in got] == [1, 2, 3] and got[1].sql.endswith("with a semicolon')")


def test_bad_utf8_and_nul_are_named_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "1_a.up.sql"
    path.write_bytes(b"SELECT 1;\nSELECT 2;\nSELECT '\xff';\n")
    with pytest.raises(MigrationFileError) as info:
        list(stream_statements(path, piece_size=4))
    assert info.value.message == f"{path}:3: not valid UTF-8 (byte 0xff)"
    path.write_bytes(b"SELECT 1;\nSELECT 2;\nSELECT\x00 3;\n")
    with pytest.raises(MigrationFileError) as info:
        list(stream_statements(path, piece_size=4))
    assert info.value.message == f"{path}:3: NUL character (byte 0x00) in the file"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    path = tmp_path / "1_a.up.sql"
    os.mkfifo(path)
    with pytest.raises(MigrationFileError, match="not a regular file but a FIFO"):
        next(stream_statements(path))


def _streamed_and_whole(path: Path, piece_size: int) -> tuple[Script, str, Script, str]:
    streamed, streamed_sum = streamed_script(path, piece_size=piece_size)
    text = path.read_bytes().decode("utf-8")
    return streamed, streamed_sum, script(path, text), checksum(text)


def test_a_streamed_script_is_the_whole_script_read_on_demand(tmp_path: Path) -> None:
    path = tmp_path / "1_a.up.sql"
    text = (
        "\ufeff-- migwiz:lock-timeout=2s\r\nCREATE TABLE t (id int, note text);\r\n"
        "INSERT INTO t VALUES (1, 'a;b''c'); /* a ; /* nested ; */ comment */ SELECT 1;\r"
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;\n"
        "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
        "SELECT $$ multi\nline ; dollar $$, 'é; ü'  ;  -- trailing ; comment\n"
        "-- migwiz:ignore column-type-rewrite the table is empty\nALTER TABLE t ALTER id TYPE bigint;\n"
    )
    path.write_bytes(text.encode("utf-8"))
    for piece_size in (1, 7, 64, 4096):
        streamed, streamed_sum, whole_script, whole_sum = _streamed_and_whole(path, piece_size)
        assert isinstance(streamed.statements, StreamedStatements)
        assert streamed_sum == whole_sum
        assert (streamed.directives, streamed.ignores) == (whole_script.directives, whole_script.ignores)
        assert tuple(streamed.statements) == tuple(whole_script.statements)
        statements = streamed.statements  # indexed: forwards, backwards, slices, negative positions
        assert len(statements) == 7
        order = [3, 4, 0, len(statements) - 1, 2, -1, 1]
        assert [statements[i] for i in order] == [whole_script.statements[i] for i in order]
        assert tuple(statements[1:-1]) == tuple(whole_script.statements[1:-1])
        assert statements[1:-1][0] == whole_script.statements[1]


def test_real_world_files_stream_into_the_same_scripts_and_checksums() -> None:
    rng = random.Random(29)
    files = sorted(
        p
        for p in REALWORLD.rglob("*.sql")
        if p.is_file() and "migrate:up" not in p.read_text(errors="replace")
    )
    for path in rng.sample(files, 60):
        streamed, streamed_sum, whole_script, whole_sum = _streamed_and_whole(
            path, rng.choice([5, 256, 1 << 20])
        )
        assert streamed_sum == whole_sum, path
        assert (streamed.directives, streamed.ignores) == (whole_script.directives, whole_script.ignores), (
            path
        )
        assert tuple(streamed.statements) == tuple(whole_script.statements), path
        for version in (11, 16):
            assert _planned(streamed, version) == _planned(whole_script, version), path


def _planned(script: Script, version: int) -> object:
    """What `plan_transaction` decides, comparable: the refusal's text or the plan in words."""
    try:
        plan = plan_transaction(script, version)
    except TransactionRefused as refused:
        return str(refused)
    return plan.in_transaction, plan.mode(), plan.notices(), plan.unwrapped, tuple(plan.script.statements)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("BEGIN;\nCREATE TABLE a (i int);\nCOMMIT;\n", None),
        (
            "CREATE TABLE a (i int);\nBEGIN;\nINSERT INTO a VALUES (1);\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;",
            None,
        ),
        (
            "BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nVACUUM a;\nCOMMIT;\n",
            ":5: VACUUM cannot run in a transaction",
        ),
        ("BEGIN;\nCREATE INDEX CONCURRENTLY i ON a (i);\nCOMMIT;\n", "BEGIN (line 1) wraps it"),
        ("CREATE TABLE a (i int);\nCOMMIT;\nSELECT 1;\n", ":2: COMMIT inside a migration"),
        ("-- migwiz:no-transaction\nSELECT 1;\nSAVEPOINT s;\n", ":3: SAVEPOINT in a migration that runs"),
        ("SET x = 1;\nCREATE INDEX CONCURRENTLY i ON a (i);\nVACUUM a;\n", None),
        ("CREATE TABLE a (i int);\nCREATE INDEX CONCURRENTLY i ON a (i);\n", ":2: CREATE INDEX CONCURRENTLY"),
    ],
)
def test_a_streamed_script_gets_the_same_transaction_plan(
    tmp_path: Path, text: str, error: str | None
) -> None:
    path = tmp_path / "1_a.up.sql"
    path.write_text(text)
    streamed, _, whole_script, _ = _streamed_and_whole(path, 3)
    if error is not None:
        for candidate in (streamed, whole_script):
            with pytest.raises(TransactionRefused, match=re.escape(error)):
                plan_transaction(candidate, 16)
        return
    plan, expected = plan_transaction(streamed, 16), plan_transaction(whole_script, 16)
    assert (plan.mode(), plan.notices(), plan.unwrapped) == (
        expected.mode(),
        expected.notices(),
        expected.unwrapped,
    )
    assert tuple(plan.script.statements) == tuple(expected.script.statements)
    by_position = plan.script.statements  # blocks dropped: positions skip them, backwards too
    positions = [*range(len(by_position)), 0, len(by_position) - 1]
    assert [by_position[i] for i in positions] == [expected.script.statements[i] for i in positions]


def test_a_file_changed_after_loading_is_refused_not_run_differently(tmp_path: Path) -> None:
    path = tmp_path / "1_a.up.sql"
    path.write_text("CREATE TABLE a (i int);\nINSERT INTO a VALUES (1);\n")
    streamed, _ = streamed_script(path)
    assert streamed.statements[1].sql == "INSERT INTO a VALUES (1)"
    unread, _ = streamed_script(path)
    path.write_text("CREATE TABLE a (i int);\nINSERT INTO a VALUES (2);\n")  # same size
    with pytest.raises(MigrationFileError, match="changed since migwiz loaded it"):
        tuple(streamed.statements)  # a pass of its own
    with pytest.raises(MigrationFileError, match="changed since migwiz loaded it"):
        unread.statements[1]  # the cursor


def test_an_edit_that_keeps_size_and_modification_time_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "1_a.up.sql"
    path.write_text("CREATE TABLE a (i int);\nINSERT INTO a VALUES (1);\n")
    before = os.stat(path)
    streamed, _ = streamed_script(path)
    path.write_text("CREATE TABLE a (i int);\nINSERT INTO a VALUES (2);\n")  # same size, same inode
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the modification time set back
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    with pytest.raises(MigrationFileError, match="changed since migwiz loaded it"):
        tuple(streamed.statements)


def test_big_files_of_a_set_load_streamed_with_the_same_checksum(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    rows = "".join(f"INSERT INTO a VALUES ({i});\n" for i in range(2000))
    (folder / "1_a.up.sql").write_text("CREATE TABLE a (i int);\n" + rows)
    (folder / "1_a.down.sql").write_text("DROP TABLE a;\n")
    whole_set = load_migration_set(folder)
    monkeypatch.setattr(streamed_module, "STREAM_ABOVE", 1024)
    streamed_set = load_migration_set(folder)
    (whole_m,), (streamed_m,) = whole_set.migrations, streamed_set.migrations
    assert isinstance(streamed_m.up.statements, StreamedStatements)
    assert isinstance(streamed_m.down.statements if streamed_m.down else None, tuple)  # small: read whole
    assert streamed_m.checksum == whole_m.checksum
    assert len(streamed_m.up.statements) == len(whole_m.up.statements) == 2001


def test_analysis_keeps_one_statement_per_shape() -> None:
    stmts = [
        Statement("CREATE TABLE a (i int)", 1),
        *(Statement(f"INSERT INTO a VALUES ({i})", i + 2) for i in range(5)),
        Statement("INSERT INTO a SELECT 1", 7),
        Statement("ALTER TABLE a ADD j int", 8),
        Statement("INSERT INTO a VALUES (9)", 9),
        Statement("INSERT INTO a VALUES (10)", 10),
    ]
    assert [s.line for s in one_per_shape(stmts)] == [1, 2, 7, 8, 9]
    assert [s.line for s in one_per_shape(stmts, keep_lines=[3])] == [1, 2, 4, 7, 8, 9]


def test_the_shapes_of_a_streamed_file_are_found_once_for_the_plan_lint_and_the_lock_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from migwiz.engine.analysis.statement_locks import script_lock_targets

    path = tmp_path / "1_seed.up.sql"
    rows = "".join(f"INSERT INTO a VALUES ({i});\n" for i in range(200))
    path.write_text(
        f"CREATE TABLE a (i int);\n{rows}ALTER TABLE a ADD j int;\n{rows}CREATE INDEX ON a (i);\n"
    )
    streamed, _ = streamed_script(path, piece_size=64)
    assert isinstance(streamed.statements, StreamedStatements)
    passes = [0]
    stream = streamed_module._Source.stream

    def counted(source: streamed_module._Source) -> Iterator[Statement]:
        passes[0] += 1
        return stream(source)

    monkeypatch.setattr(streamed_module._Source, "stream", counted)
    plan_transaction(streamed, 17)  # the pass of the transaction plan finds the shapes on the way
    assert passes == [1]
    kept = [s.line for s in one_per_shape(streamed.statements)]
    assert kept == [1, 2, 202, 203, 403]
    assert passes == [1]
    # the lock check of the run (a second load of the unchanged file) reads nothing again
    again, _ = streamed_script(path, piece_size=64)
    locks = script_lock_targets(again, 18)
    assert passes == [1]
    assert locks == script_lock_targets(script(path, path.read_text()), 18)
    assert len(locks) == 403 and locks[5] == locks[1] and locks[1]
    # with an ignore line, the statement after it is kept: a pass of its own
    assert [s.line for s in one_per_shape(streamed.statements, keep_lines=[3])][:3] == [1, 2, 4]
    assert passes == [2]
    # found alone (no plan first), the same shapes
    monkeypatch.setattr(streamed_module, "_LOADED", {})
    alone, _ = streamed_script(path, piece_size=64)
    assert [s.line for s in one_per_shape(alone.statements)] == kept
    assert passes == [3]


def test_a_big_file_that_never_names_the_own_schema_is_not_split_for_its_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from migwiz.engine.errors import UsageError
    from migwiz.engine.run.own_schema import check_scripts

    rows = "".join(f"INSERT INTO a VALUES ({i}, 'MIGWIZ in a string');\n" for i in range(300))
    clean, named = tmp_path / "1_clean.up.sql", tmp_path / "2_named.up.sql"
    clean.write_text(rows.replace("MIGWIZ", "mig wiz"))
    named.write_text(f"{rows}DELETE FROM MigWiz.history;\n")
    passes = [0]
    stream = streamed_module._Source.stream

    def counted(source: streamed_module._Source) -> Iterator[Statement]:
        passes[0] += 1
        return stream(source)

    monkeypatch.setattr(streamed_module._Source, "stream", counted)
    check_scripts([streamed_script(clean, piece_size=64)[0]], "migwiz")
    assert passes == [0]
    with pytest.raises(UsageError, match=r"2_named\.up\.sql:301: touches migwiz\.history"):
        check_scripts([streamed_script(named, piece_size=64)[0]], "migwiz")
    assert passes == [1]
