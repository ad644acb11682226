"""Streaming a migration file statement by statement splits it exactly as the whole text is split."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.files import script
from migwiz.engine.sets.reading import stream_statements
from migwiz.engine.sets.splitting import iter_statements, split_sql

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
    files = sorted(REALWORLD.rglob("*.sql"))
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
