"""`migwiz up` streams a big file end to end: it never holds the file or all its statements, and a
`no-transaction` one resumes at the exact statement."""

from __future__ import annotations

import contextlib
import io
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import migwiz.engine.sets.streamed as streamed
from migwiz.cli import cli
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Statement
from migwiz.engine.sets.streamed import StreamedStatements
from tests.conftest import TestDatabase

ROWS = 10_000


def write_seed(folder: Path, rows: int = ROWS) -> Path:
    """A seed file of about 1.5 MB: one table and `rows` single-row INSERTs."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "1_seed.up.sql"
    with path.open("w") as f:
        f.write("CREATE TABLE seed (id int PRIMARY KEY, name text NOT NULL, note text);\n")
        for i in range(1, rows + 1):
            f.write(f"INSERT INTO seed (id, name, note) VALUES ({i}, 'customer {i:08d}', '{'x' * 80}');\n")
    return path


def up(dsn: str, folder: Path, *more: str) -> dict[str, object]:
    """`migwiz up --json` in this process (as the CLI runs it: preflight, lint gate, plan, run)."""
    out = io.StringIO()
    args = ["up", "--dsn", dsn, "--dir", str(folder), "--allow-irreversible", "--json", *more]
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        cli.main(args, prog_name="migwiz", standalone_mode=False)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def traced_peak(work: object) -> int:
    """Peak bytes Python allocated while `work()` ran."""
    assert callable(work)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def small_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stream files over 256 KiB, read 16 KiB at a time, with a window of 64 KiB of statements: a 1.5 MB
    file is then 'big' (the defaults are for files of hundreds of MB)."""
    monkeypatch.setattr(streamed, "STREAM_ABOVE", 1 << 18)
    monkeypatch.setattr(streamed, "PIECE_CHARS", 1 << 14)
    monkeypatch.setattr(streamed, "WINDOW_CHARS", 1 << 16)


@pytest.mark.usefixtures("small_streaming")
def test_up_never_holds_a_big_file_whole(client_db: TestDatabase, tmp_path: Path) -> None:
    path = write_seed(tmp_path / "m")
    size = path.stat().st_size
    warm = tmp_path / "warm"  # every module `up` imports, imported before measuring (another schema)
    warm.mkdir()
    (warm / "1_warm.up.sql").write_text("CREATE TABLE warm (id int);\nINSERT INTO warm VALUES (1);\n")
    assert up(client_db.dsn, warm, "--schema", "migwiz_warm")["ok"]
    result: dict[str, object] = {}
    peak = traced_peak(lambda: result.update(up(client_db.dsn, tmp_path / "m")))
    assert result["ok"], result
    assert client_db.execute("SELECT count(*), sum(id) FROM seed") == [(ROWS, ROWS * (ROWS + 1) // 2)]
    # the whole file as statements is about 3 times its size; streamed, `up` holds a piece of the file,
    # a window of statements and one batch (1,000 statements here, 0.6 MB with its text sent)
    assert peak < 0.75 * size, (
        f"up peaked at {peak / 1e6:.1f} MB of Python memory for a {size / 1e6:.1f} MB file"
    )

    def load_whole() -> None:  # the same measure sees a whole-file load: the bound above can fail
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(streamed, "STREAM_ABOVE", 1 << 62)
            assert isinstance(load_migration_set(tmp_path / "m").migrations[0].up.statements, tuple)

    assert traced_peak(load_whole) > size


@pytest.mark.usefixtures("small_streaming")
def test_a_streamed_no_transaction_migration_resumes_at_the_exact_statement(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    client_db.execute("CREATE TABLE taken (id int PRIMARY KEY)")
    client_db.execute("INSERT INTO taken VALUES (1500)")  # statement 1500 fails on it
    rows = 2_500
    with (folder / "1_fill.up.sql").open("w") as f:
        f.write("-- migwiz:no-transaction\n")
        for i in range(1, rows + 1):
            f.write(f"INSERT INTO taken (id) VALUES ({i}); -- {'padding ' * 16}\n")
    assert isinstance(load_migration_set(folder).migrations[0].up.statements, StreamedStatements)  # 0.4 MB

    first = up(client_db.dsn, folder)
    assert not first["ok"]
    failure = first["migrations"][0]["failure"]  # type: ignore[index]
    assert (failure["statement"], failure["line"], failure["sqlstate"]) == (1500, 1501, "23505")
    assert client_db.execute("SELECT statements_done FROM migwiz.history") == [(1499,)]

    client_db.execute("DELETE FROM taken WHERE id = 1500")
    second = up(client_db.dsn, folder)
    assert second["ok"], second
    assert second["migrations"][0]["statements_run"] == rows - 1499  # type: ignore[index]
    assert client_db.execute("SELECT count(*), sum(id) FROM taken") == [(rows, rows * (rows + 1) // 2)]
    assert client_db.execute("SELECT statements_done, success FROM migwiz.history") == [(rows, True)]


@pytest.mark.usefixtures("small_streaming")
def test_up_splits_a_big_file_three_times(
    client_db: TestDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load, the transaction plan (which finds the shapes for the lint gate and the lock pre-check on
    the way) and the run: the lint gate's own load and the lock analysis split nothing again, and the
    own-schema check only scans the text for the schema's name."""
    write_seed(tmp_path / "m", rows=3_000)
    monkeypatch.setattr(streamed, "_LOADED", {})
    reads: list[str] = []
    split, scan = streamed.stream_statements, streamed.text_pieces

    def splits(path: Path, **kwargs: Any) -> Iterator[Statement]:
        reads.append("split")
        return split(path, **kwargs)

    def scans(path: Path, *args: Any) -> Iterator[str]:
        reads.append("scan")
        return scan(path, *args)

    monkeypatch.setattr(streamed, "stream_statements", splits)
    monkeypatch.setattr(streamed, "text_pieces", scans)
    result = up(client_db.dsn, tmp_path / "m")
    assert result["ok"], result
    assert client_db.execute("SELECT count(*) FROM seed") == [(3_000,)]
    assert reads == ["split", "split", "scan", "split"]


@pytest.mark.usefixtures("small_streaming")
def test_a_failing_statement_in_a_batch_of_a_streamed_file_is_named_exactly(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """The batch fails as a whole; run again one by one (the file read again from its start), the failing
    statement is named by its number and line, and the migration's transaction is rolled back."""
    path = write_seed(tmp_path / "m", rows=3_000)
    with path.open("a") as f:  # statement 3,002 (line 3,002) repeats id 2,500
        f.write("INSERT INTO seed (id, name, note) VALUES (2500, 'again', 'x');\n")
        f.write("INSERT INTO seed (id, name, note) VALUES (3001, 'after', 'x');\n")
    result = up(client_db.dsn, tmp_path / "m")
    assert not result["ok"]
    failure = result["migrations"][0]["failure"]  # type: ignore[index]
    assert (failure["statement"], failure["line"], failure["sqlstate"]) == (3002, 3002, "23505")
    assert client_db.execute("SELECT to_regclass('seed') IS NULL") == [(True,)]


def down(dsn: str, folder: Path, *more: str) -> dict[str, object]:
    """`migwiz down --json` in this process."""
    out = io.StringIO()
    args = ["down", "--dsn", dsn, "--dir", str(folder), "--json", *more]
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        cli.main(args, prog_name="migwiz", standalone_mode=False)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


@pytest.mark.usefixtures("small_streaming")
def test_a_big_dbmate_file_runs_up_and_down_streamed(client_db: TestDatabase, tmp_path: Path) -> None:
    """Both sections of a 1.8 MB dbmate file are streamed (never read whole) and run; the down section
    runs its 500 DELETEs outside a transaction, as its mark says, and the checksum is the file's."""
    folder = tmp_path / "m"
    folder.mkdir()
    path = folder / "20240101000000_seed.sql"
    with path.open("w") as f:
        f.write("-- migrate:up\nCREATE TABLE seed (id int PRIMARY KEY, note text);\n")
        f.writelines(f"INSERT INTO seed VALUES ({i}, '{'x' * 80}');\n" for i in range(1, ROWS + 1))
        f.write("\n-- migrate:down transaction:false\n")
        deletes = [
            f"DELETE FROM seed WHERE id <= {i}; -- {'padding ' * 80}\n" for i in range(20, ROWS + 1, 20)
        ]
        f.writelines(deletes)  # 0.3 MB: streamed too
        f.write("DROP TABLE seed;\n")
    (m,) = load_migration_set(folder).migrations
    assert isinstance(m.up.statements, StreamedStatements) and m.down is not None
    assert isinstance(m.down.statements, StreamedStatements)
    assert not m.down.directives.transaction and len(m.down.statements) == len(deletes) + 1

    assert up(client_db.dsn, folder)["ok"]
    assert client_db.execute("SELECT count(*) FROM seed") == [(ROWS,)]
    with pytest.MonkeyPatch.context() as patch:  # the checksum recorded is that of the file read whole
        patch.setattr(streamed, "STREAM_ABOVE", 1 << 62)
        assert client_db.execute("SELECT checksum FROM migwiz.history") == [
            (load_migration_set(folder).migrations[0].checksum,)
        ]
    result = down(client_db.dsn, folder)
    assert result["ok"], result
    assert client_db.execute("SELECT to_regclass('seed') IS NULL") == [(True,)]
