"""The schema model read from real servers: deterministic, order-independent, serialisable, scoped."""

from __future__ import annotations

import json
import os
import time
from typing import Any

import pytest

from migwiz.engine.schema import SchemaModel, diff_schemas, format_diff, read_schema
from migwiz.engine.schema.model import Column, CompositeType, Extension, MaterializedView, Schema, View
from tests.conftest import BINARIES, TestDatabase, create_database, drop_database, server_for

# One schema written in two orders. ORDERED: types first, constraints inline, objects in a natural order.
ORDERED = """
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN app.posint AS integer NOT NULL CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a integer, b text COLLATE "C");
CREATE TABLE app.org (id serial PRIMARY KEY, name text NOT NULL UNIQUE, born date DEFAULT '2024-01-31');
CREATE TABLE app.users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email varchar(320) NOT NULL CHECK (email <> ''),
    org_id integer NOT NULL REFERENCES app.org (id) ON DELETE CASCADE DEFERRABLE,
    mood app.mood DEFAULT 'ok',
    score app.posint,
    twice integer GENERATED ALWAYS AS (org_id * 2) STORED,
    nick text COLLATE "C"
);
COMMENT ON COLUMN app.users.email IS 'where we write';
CREATE INDEX users_org_idx ON app.users (org_id) WHERE nick IS NOT NULL;
CREATE UNIQUE INDEX users_lower_email ON app.users (lower(email));
CREATE TABLE app.events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_at_idx ON app.events (at);
CREATE VIEW app.active AS SELECT id, email FROM app.users WHERE org_id > 0;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER users_touch BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_own ON app.users USING (org_id = 1);
COMMENT ON TABLE app.users IS 'people';
"""

# The same schema: reverse order where possible, constraints added later with ALTER, a column added and
# dropped in between, the partition created standalone and attached, comments written early.
SHUFFLED = """
CREATE SCHEMA app;
CREATE TYPE app.pair AS (a integer, b text COLLATE "C");
CREATE DOMAIN app.posint AS integer;
ALTER DOMAIN app.posint ADD CONSTRAINT posint_check CHECK (VALUE > 0);
ALTER DOMAIN app.posint SET NOT NULL;
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
ALTER TYPE app.mood ADD VALUE 'happy' AFTER 'ok';
CREATE TABLE app.events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 (id bigint NOT NULL, at date NOT NULL);
CREATE TABLE app.org (id serial, name text NOT NULL, born date);
ALTER TABLE app.org ALTER born SET DEFAULT '2024-01-31';
CREATE TABLE app.users (id bigint NOT NULL, email varchar(320) NOT NULL, scratch int);
COMMENT ON TABLE app.users IS 'people';
COMMENT ON COLUMN app.users.email IS 'where we write';
ALTER TABLE app.users ADD org_id integer NOT NULL, ADD mood app.mood DEFAULT 'ok';
ALTER TABLE app.users DROP scratch;
ALTER TABLE app.users ADD score app.posint, ADD twice integer GENERATED ALWAYS AS (org_id * 2) STORED;
ALTER TABLE app.users ADD nick text COLLATE "C";
ALTER TABLE app.users ALTER id ADD GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX users_lower_email ON app.users (lower(email));
CREATE INDEX users_org_idx ON app.users (org_id) WHERE nick IS NOT NULL;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE POLICY users_own ON app.users USING (org_id = 1);
ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;
CREATE TRIGGER users_touch BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE VIEW app.active AS SELECT id, email FROM app.users WHERE org_id > 0;
CREATE INDEX events_at_idx ON app.events (at);
ALTER TABLE app.events ATTACH PARTITION app.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE app.users ADD CHECK (email <> '');
ALTER TABLE app.org ADD PRIMARY KEY (id), ADD UNIQUE (name);
ALTER TABLE app.users ADD PRIMARY KEY (id);
ALTER TABLE app.users ADD FOREIGN KEY (org_id) REFERENCES app.org (id) ON DELETE CASCADE DEFERRABLE;
"""


def model_after(db: TestDatabase, ddl: str, **options: object) -> SchemaModel:
    """The model of `db` after `ddl`, run in a transaction that is rolled back afterwards."""
    with db.connect(autocommit=False) as conn:
        try:
            conn.execute(ddl.encode())
            return read_schema(conn, **options)  # type: ignore[arg-type]
        finally:
            conn.rollback()


def test_same_schema_built_in_another_order_has_no_difference(db: TestDatabase) -> None:
    ordered = model_after(db, ORDERED)
    shuffled = model_after(db, SHUFFLED)
    diffs = diff_schemas(ordered, shuffled)
    assert diffs == (), format_diff(diffs)
    assert ordered == shuffled
    positions = [c.position for c in shuffled.of_type(Column) if c.table == "app.users"]
    assert sorted(positions) == list(range(1, 8)), "a dropped column leaves no gap"


def test_reading_twice_gives_the_same_model_whatever_the_session_settings(db: TestDatabase) -> None:
    db.execute(ORDERED)
    with db.connect() as conn:
        first = read_schema(conn)
        conn.execute("SET search_path = app, public")
        conn.execute("SET DateStyle = 'German, DMY'")
        conn.execute("SET TimeZone = 'America/Sao_Paulo'")
        conn.execute("SET quote_all_identifiers = on")
        second = read_schema(conn)
    assert first == second
    born = first.get("column", "app.org.born")
    assert isinstance(born, Column)
    assert born.default == "'2024-01-31'::date"
    pair = first.get("composite type", "app.pair")
    assert isinstance(pair, CompositeType)
    assert pair.attributes == ("a integer", 'b text COLLATE "C"')


def test_json_round_trip_equals(db: TestDatabase) -> None:
    db.execute(ORDERED)
    with db.connect() as conn:
        model = read_schema(conn, include_grants=True)
    text = json.dumps(model.to_json(), sort_keys=True)
    again = SchemaModel.from_json(json.loads(text))
    assert again == model
    assert diff_schemas(model, again) == ()
    assert json.dumps(again.to_json(), sort_keys=True) == text


def test_fresh_database_with_migwiz_schema_excludes_it(db: TestDatabase) -> None:
    db.execute("CREATE SCHEMA migwiz; CREATE TABLE migwiz.runs (id int PRIMARY KEY); CREATE SCHEMA keep")
    with db.connect() as conn:
        model = read_schema(conn)
        custom = read_schema(conn, exclude_schemas=("keep",))
    assert [o.object_type for o in model.objects] == ["schema", "schema", "extension"]
    assert model.of_type(Schema) == (
        Schema(name="keep"),
        Schema(name="public", comment="standard public schema"),
    )
    assert model.of_type(Extension)[0].name == "plpgsql"
    assert all("migwiz" not in o.name for o in model.objects)
    assert custom.get("schema", "migwiz") is not None
    assert custom.get("table", "migwiz.runs") is not None
    assert custom.get("schema", "keep") is None


def test_objects_an_extension_owns_are_represented_by_it(db: TestDatabase) -> None:
    if not db.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'citext'"):
        pytest.skip("citext is not available on this server")
    db.execute("CREATE EXTENSION citext; CREATE TABLE t (email citext)")
    with db.connect() as conn:
        model = read_schema(conn)
    assert {o.object_type for o in model.objects} == {"schema", "extension", "table", "column"}
    extension = model.get("extension", "citext")
    assert isinstance(extension, Extension)
    assert extension.schema == "public"
    column = model.get("column", "public.t.email")
    assert isinstance(column, Column)
    assert column.type == "public.citext"


def test_reading_the_schema_costs_the_same_queries_for_fifty_objects_or_a_hundred(db: TestDatabase) -> None:
    """The queries, sent at once, are one per kind of object, however many objects there are: counted,
    not timed (a loaded machine makes any wall-clock bound flaky)."""
    db.execute(ORDERED)
    sent: list[int] = []
    with db.connect() as conn:
        cursor = conn.cursor

        def counted(*args: Any, **kwargs: Any) -> Any:
            sent.append(1)
            return cursor(*args, **kwargs)

        conn.cursor = counted  # type: ignore[method-assign]
        model = read_schema(conn)
        few = len(sent)
        db.execute("".join(f"CREATE TABLE app.more_{i} (id int PRIMARY KEY, v text);" for i in range(25)))
        sent.clear()
        more = read_schema(conn)
    assert len(model.objects) >= 35 and len(more.objects) >= len(model.objects) + 50
    assert len(sent) == few


def test_versions_agree_on_the_same_ddl() -> None:
    """NOT NULL (a constraint row on PG18, a column flag before) and the rest read the same everywhere.

    View definitions are left out: PostgreSQL 15 prefixes column references with the table name.
    """
    if len(BINARIES) < 2:
        pytest.skip("needs two server versions")
    models = {}
    for binaries in BINARIES:
        database = create_database(server_for(binaries))
        try:
            models[binaries.major] = model_after(database, ORDERED)
        finally:
            drop_database(database)
    majors = sorted(models)

    def comparable(m: SchemaModel) -> SchemaModel:
        return SchemaModel(tuple(o for o in m.objects if not isinstance(o, View | MaterializedView)))

    for major in majors[1:]:
        diffs = diff_schemas(comparable(models[majors[0]]), comparable(models[major]))
        assert diffs == (), f"pg{majors[0]} vs pg{major}:\n{format_diff(diffs)}"


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("MIGWIZ_SCHEMA_BENCH"), reason="set MIGWIZ_SCHEMA_BENCH=1 to measure")
def test_read_2000_tables(db_latest: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    """Time to read a 2,000-table schema (each table: 6 columns, PK, FK, CHECK, index, comment)."""
    db_latest.execute(
        "CREATE TABLE parent (id int PRIMARY KEY);"
        "DO $$BEGIN FOR i IN 1..2000 LOOP EXECUTE format("
        "'CREATE TABLE t%s (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        " parent_id int REFERENCES parent, name text NOT NULL DEFAULT ''x'',"
        " amount numeric(12,2) CHECK (amount >= 0), at timestamptz,"
        " note varchar(200)); CREATE INDEX ON t%s (parent_id, at); COMMENT ON TABLE t%s IS ''table %s''',"
        " i, i, i, i); END LOOP; END$$"
    )
    with db_latest.connect() as conn:
        read_schema(conn)
        start = time.perf_counter()
        model = read_schema(conn)
        elapsed = time.perf_counter() - start
        start = time.perf_counter()
        diff_schemas(model, model)
        diff_elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(
            f"\nread_schema: {len(model.objects)} objects from 2,000 tables in {elapsed:.2f} s "
            f"(pg{db_latest.major}); diff_schemas of the model with itself: {diff_elapsed:.2f} s"
        )
    assert len(model.of_type(Column)) == 2000 * 6 + 1
