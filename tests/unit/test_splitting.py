"""Statement splitting: every lexical trap, with the file line of each statement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pglast
import pytest

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets import splitting
from migwiz.engine.sets.model import Statement
from migwiz.engine.sets.splitting import Comment, scan_sql, split_sql

PATH = Path("migrations/3_x.up.sql")


def split(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    return [(s.line, s.sql) for s in split_sql(text, path=PATH, first_line=first_line)]


def assert_parses(statements: list[tuple[int, str]]) -> None:
    """Each piece is exactly one statement for PostgreSQL's own parser."""
    for _, sql in statements:
        assert len(pglast.parse_sql(sql)) == 1, sql


def test_simple_statements_lines_and_text() -> None:
    text = "select 1;\n\nselect\n  2 ;select 3\n"
    assert split(text) == [(1, "select 1"), (3, "select\n  2"), (4, "select 3")]


def test_first_line_offsets_lines() -> None:
    assert split("\nselect 1;\nselect 2;", first_line=10) == [(11, "select 1"), (12, "select 2")]


def test_empty_statements_and_comment_only_text_are_dropped() -> None:
    assert split(";;\n  ;\n-- only a comment\n/* and another */;\n") == []
    assert split("") == []


def test_leading_comments_dropped_inner_kept_line_is_first_token() -> None:
    text = "-- header\n/* block\n   comment */\n\nselect 1 -- inner\n  + 2; -- after\n"
    assert split(text) == [(5, "select 1 -- inner\n  + 2")]


def test_trailing_comment_before_semicolon_is_not_part_of_the_statement() -> None:
    assert split("select 1 -- why\n;") == [(1, "select 1")]
    assert split("select 1 /* why */ ;") == [(1, "select 1")]


def test_last_statement_without_semicolon() -> None:
    assert split("select 1;\nselect 2\n-- end\n") == [(1, "select 1"), (2, "select 2")]


def test_dollar_quoted_bodies() -> None:
    text = (
        "create function f() returns int language plpgsql as $$\n"
        "begin\n"
        "  perform 1; -- ; not the end\n"
        "  return 1;\n"
        "end;\n"
        "$$;\n"
        "select 2;"
    )
    statements = split(text)
    assert [line for line, _ in statements] == [1, 7]
    assert statements[0][1].endswith("end;\n$$")
    assert_parses(statements)


def test_tagged_dollar_quotes_nest_other_tags() -> None:
    text = (
        "do $outer$\n"
        "begin\n"
        "  execute $inner$ select ';' $inner$;\n"
        "  raise notice $$ $not_the_end$ ; $$;\n"
        "end\n"
        "$outer$;\n"
        "select $Tag_1$ a;b $tag_1$ still; $Tag_1$;\n"
    )
    statements = split(text)
    assert [line for line, _ in statements] == [1, 7]
    assert statements[1][1] == "select $Tag_1$ a;b $tag_1$ still; $Tag_1$"
    assert_parses(statements)


def test_dollar_inside_identifiers_and_parameters_is_not_a_quote() -> None:
    statements = split("select a$b$c from t$1;\nprepare p as select $1;\nselect 3;")
    assert [line for line, _ in statements] == [1, 2, 3]


def test_nested_block_comments() -> None:
    text = "select 1 /* outer /* inner; */ still comment; */ + 1;\n/* a /* b */ ; */ select 2;"
    assert split(text) == [(1, "select 1 /* outer /* inner; */ still comment; */ + 1"), (2, "select 2")]


def test_block_comment_start_after_operator() -> None:
    assert split("select 2*/* ; */3;\nselect 4--;\n;") == [(1, "select 2*/* ; */3"), (2, "select 4")]


def test_escape_strings_with_backslash_quote() -> None:
    text = "select E'it\\'s; \\\\', e'\\\\';\nselect 2;"
    statements = split(text)
    assert statements == [(1, "select E'it\\'s; \\\\', e'\\\\'"), (2, "select 2")]
    assert_parses(statements)


def test_standard_strings_backslash_is_not_an_escape() -> None:
    # standard_conforming_strings: 'a\' is a complete string.
    assert split("select 'a\\';\nselect 'it''s; fine';") == [(1, "select 'a\\'"), (2, "select 'it''s; fine'")]


def test_identifier_ending_in_e_before_a_string_is_not_an_escape_string() -> None:
    # `name'..'` is the identifier `name` then a standard string, so the backslash ends nothing.
    assert split("select name'a\\';\nselect 2;") == [(1, "select name'a\\'"), (2, "select 2")]


def test_quoted_identifiers_with_semicolons_and_doubled_quotes() -> None:
    text = 'create table "we;ird ""name""" ("col;1" int);\nselect "a""" from "t;";'
    statements = split(text)
    assert [line for line, _ in statements] == [1, 2]
    assert statements[0][1] == 'create table "we;ird ""name""" ("col;1" int)'
    assert_parses(statements)


def test_multiline_strings_count_lines() -> None:
    text = "insert into t values ('a\nb\nc;');\nselect $$\n;\n$$;\nselect 3;"
    assert [line for line, _ in split(text)] == [1, 4, 7]


def test_begin_atomic_function_body() -> None:
    text = (
        "create function add(a int, b int) returns int\n"
        "language sql\n"
        "begin atomic\n"
        "  select case when a > 0 then a else 0 end + b;\n"
        "  insert into log values (a); \n"
        "end;\n"
        "create or replace procedure p()\n"
        "begin atomic\n"
        "  update t set x = 1;\n"
        "end;\n"
        "select 3;\n"
    )
    statements = split(text)
    assert [line for line, _ in statements] == [1, 7, 11]
    assert statements[0][1].endswith("insert into log values (a); \nend")
    assert_parses(statements)


def test_begin_outside_routines_is_a_statement_of_its_own() -> None:
    assert split("begin;\ncreate table t (begin int);\ncommit;") == [
        (1, "begin"),
        (2, "create table t (begin int)"),
        (3, "commit"),
    ]


def test_function_with_begin_in_parameter_list_and_return() -> None:
    text = "create function f(begin int) returns int language sql return begin;\nselect 2;"
    assert [line for line, _ in split(text)] == [1, 2]


def test_create_rule_with_several_actions() -> None:
    text = (
        "create rule log_insert as on insert to t do also (\n"
        "  insert into log values (new.id);\n"
        "  update counters set n = n + 1\n"
        ");\n"
        "select 2;"
    )
    statements = split(text)
    assert [line for line, _ in statements] == [1, 5]
    assert_parses(statements)


@pytest.mark.parametrize(
    ("text", "line", "command"),
    [
        ("\\i other.sql\n", 1, "\\i"),
        ("select 1;\n\n  \\set ON_ERROR_STOP on\n", 3, "\\set"),
        ("-- header\n\\connect other_db\nselect 1;", 2, "\\connect"),
        ("select 1\n\\gexec\n", 2, "\\gexec"),
        ("select 1 \\g\n", 1, "\\g"),
    ],
)
def test_psql_meta_commands_are_rejected_with_their_line(text: str, line: int, command: str) -> None:
    with pytest.raises(MigrationFileError) as info:
        split_sql(text, path=PATH, first_line=10)
    assert info.value.message == f"{PATH}:{line + 9}: psql meta-command {command} is not supported"


def test_backslashes_inside_strings_and_comments_are_fine() -> None:
    text = "-- \\i not a command\nselect E'\\n', '\\', $$\\i$$ /* \\set */;\n"
    assert [line for line, _ in split(text)] == [2]


def test_malformed_sql_is_split_not_rejected() -> None:
    assert split("select 'unterminated;\nselect 2;") == [(1, "select 'unterminated;\nselect 2;")]
    assert split("select $$ never closed; select 2;") == [(1, "select $$ never closed; select 2;")]
    assert split('select "open; x') == [(1, 'select "open; x')]
    assert split("select ) 1; sel ect (( 2") == [(1, "select ) 1"), (1, "sel ect (( 2")]
    assert split("select 1 /* open comment ; select 2") == [(1, "select 1")]


def test_non_ascii_identifiers_and_strings() -> None:
    assert split("create table café (nom text default 'été;');\nselect 1;") == [
        (1, "create table café (nom text default 'été;')"),
        (2, "select 1"),
    ]


def test_scan_reports_line_comments_with_their_place() -> None:
    text = "-- lead\nselect 1 -- in\n;\n-- between\nselect 2;\n/* trailing\n */\n"
    scanned = scan_sql(text, path=PATH)
    assert scanned.statements == (Statement("select 1", 2), Statement("select 2", 5))
    assert scanned.comments == (
        Comment("-- lead", 1, "leading"),
        Comment("-- in", 2, "inside"),
        Comment("-- between", 4, "between"),
        Comment("/* trailing\n */", 6, "between"),
    )


def test_comments_inside_strings_and_bodies_are_not_comments() -> None:
    text = "select '-- no', $$ -- no $$, \"--no\";"
    assert scan_sql(text, path=PATH).comments == ()


def test_begin_atomic_in_any_case_and_with_comments_between() -> None:
    text = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN /* x */\n  ATOMIC SELECT 1; END;\nselect 2;"
    assert [line for line, _ in split(text)] == [1, 3]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("select 1;\x00\nselect 2;", 1),
        ("select 1;\n\nselect\x002;", 3),
        ("select 'a\x00b';", 1),
        ("-- comment \x00\nselect 1;", 1),
        ("select 1;\n\n\n\x00", 4),
    ],
)
def test_a_nul_character_anywhere_is_refused_with_its_line(text: str, line: int) -> None:
    with pytest.raises(MigrationFileError, match=rf"^migrations/3_x\.up\.sql:{line}: NUL character"):
        scan_sql(text, path=PATH)
    with pytest.raises(MigrationFileError, match=rf":{line + 9}: NUL"):
        split_sql(text, path=PATH, first_line=10)


_PARTS = [
    "INSERT INTO t VALUES (1, 'a;b')", "insert into t values ((1),(2))", "update t set a = 'x''y;'", " ;",
    ";", "\n", "  ", 'DELETE FROM t WHERE a = "q;"', "-- c;\n", "/* x; */", "$$a;b$$", "(", ")", "'",
    "INSERT", "x", "-", "/", "*", "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END",
    "insert into t select (((((1)))))", "INSERT INTO t VALUES (now(), E'x')", "\u00e9", "updatex",
    "INSERT\tINTO t(a) VALUES ('\n;\n')", "-1", "a/b", "((", "))", "E'a\\'b;'",
]  # fmt: skip


def test_plain_data_statements_split_in_one_match_exactly_as_the_token_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The one-match path for plain INSERT/UPDATE/DELETE statements gives the statements, lines, columns
    and comments the token-by-token loop gives, on random mixes of the tricky cases."""
    import random
    import re

    import migwiz.engine.sets.splitting as splitting

    rng = random.Random(13)
    texts = ["".join(rng.choice(_PARTS) for _ in range(rng.randint(1, 12))) for _ in range(3000)]

    def outcome(text: str) -> object:
        try:
            return scan_sql(text, path=PATH, first_line=5)
        except MigrationFileError as exc:
            return str(exc)

    fast = [outcome(t) for t in texts]
    assert sum(not isinstance(f, str) for f in fast) > 1000  # most are split, not refused
    monkeypatch.setattr(splitting, "_PLAIN_DATA", re.compile(r"(?!)"))  # never matches: the loop alone
    assert [outcome(t) for t in texts] == fast


_REST_PARTS = [
    *_PARTS, "CREATE TABLE t (a int DEFAULT 1, b text CHECK (b <> ';'))", "create or replace function f() ",
    "CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END", "create", " or ", "replace",
    "procedure", " function ", "BEGIN ATOMIC", " END", " CASE WHEN a THEN 1 END", "ALTER TABLE t ADD b int",
    "SELECT a$b FROM t", "select $1", "COMMENT ON TABLE t IS 'a;b'", "create or ",
    "replace view v as select 1",
]  # fmt: skip


def test_statements_finished_in_one_match_exactly_as_the_token_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one-match path for the rest of a statement that cannot hold a routine body gives the statements,
    lines, columns and comments the token-by-token loop gives, on random mixes of the tricky cases."""
    import random
    import re

    import migwiz.engine.sets.splitting as splitting

    rng = random.Random(17)
    texts = ["".join(rng.choice(_REST_PARTS) for _ in range(rng.randint(1, 14))) for _ in range(4000)]

    def outcome(text: str) -> object:
        try:
            return scan_sql(text, path=PATH, first_line=3)
        except MigrationFileError as exc:
            return str(exc)

    fast = [outcome(t) for t in texts]
    assert sum(not isinstance(f, str) for f in fast) > 1000  # most are split, not refused
    monkeypatch.setattr(splitting, "_PLAIN_REST", re.compile(r"(?!)"))  # never matches: the loop alone
    assert [outcome(t) for t in texts] == fast


def test_a_huge_statement_read_in_pieces_is_scanned_about_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces holding no `;` cannot end a statement: they are not scanned until one comes (a seed file's
    single INSERT of millions of rows is not scanned again at every doubling of what was read)."""
    rows = ",\n".join(f"({i}, 'customer {i:08d}', 'note {i}')" for i in range(40_000))
    text = f"CREATE TABLE seed (id int, name text, note text);\nINSERT INTO seed VALUES\n{rows};\nSELECT 1;\n"
    scanned: list[int] = []
    original = splitting._Scanner.__init__

    def counting(self: Any, text: str, *args: Any, **kwargs: Any) -> None:
        scanned.append(len(text))
        original(self, text, *args, **kwargs)

    monkeypatch.setattr(splitting._Scanner, "__init__", counting)
    size = 1 << 14
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    got = list(splitting.iter_statements(pieces, path=Path("x.sql"), piece_size=size))
    assert [s.sql[:20] for s in got] == ["CREATE TABLE seed (i", "INSERT INTO seed VAL", "SELECT 1"]
    assert sum(scanned) < 1.5 * len(text), (sum(scanned), len(text))
    assert got == list(splitting.split_sql(text, path=Path("x.sql")))
