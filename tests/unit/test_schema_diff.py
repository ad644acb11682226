"""The schema diff and the model's JSON form, on hand-built models (no database)."""

from __future__ import annotations

import doctest
import json

import pytest

from migwiz.engine.schema import SchemaModel, diff_schemas, format_diff, normalise
from migwiz.engine.schema.model import Column, Constraint, Index, Schema, Sequence, Table


def col(table: str, name: str, position: int, type_: str = "integer", **kw: object) -> Column:
    return Column(name=f"{table}.{name}", table=table, position=position, type=type_, **kw)  # type: ignore[arg-type]


def users(*extra: object) -> list[object]:
    return [
        Schema(name="public"),
        Table(name="public.users"),
        col("public.users", "id", 1, not_null=True),
        col("public.users", "email", 2, "character varying(320)"),
        Constraint(
            name="public.users.users_pkey",
            table="public.users",
            constraint_type="primary key",
            definition="PRIMARY KEY (id)",
        ),
        Index(name="public.users_email_idx", table="public.users", keys="(email)"),
        Sequence(name="public.users_id_seq", min_value=1, max_value=2**63 - 1, owned_by="public.users.id"),
        *extra,
    ]


def model(objects: list[object]) -> SchemaModel:
    return SchemaModel(tuple(objects))  # type: ignore[arg-type]


def keys(diffs: tuple[object, ...]) -> list[tuple[str, str, str, str | None]]:
    return [(d.kind, d.object_type, d.name, d.attribute) for d in diffs]  # type: ignore[attr-defined]


def test_equal_models_have_no_difference() -> None:
    assert diff_schemas(model(users()), model(list(reversed(users())))) == ()
    assert format_diff(()) == "No differences."


def test_changed_type_reads_as_one_sentence() -> None:
    actual = [o for o in users() if getattr(o, "name", "") != "public.users.email"]
    actual.append(col("public.users", "email", 2, "text"))
    (d,) = diff_schemas(model(users()), model(actual))
    assert (d.kind, d.attribute, d.expected, d.actual) == (
        "changed",
        "type",
        "character varying(320)",
        "text",
    )
    assert (
        d.sentence
        == "column public.users.email is character varying(320) in the files and text in the database"
    )
    assert format_diff([d]) == "~ " + d.sentence


def test_labels_are_the_callers() -> None:
    (d,) = diff_schemas(
        model(users()), model(users(Table(name="public.extra"))), labels=("before up", "after down")
    )
    assert d.sentence == "table public.extra exists after down but not before up"
    (d,) = diff_schemas(
        model(users(Table(name="public.gone"))), model(users()), labels=("before up", "after down")
    )
    assert d.sentence == "table public.gone exists before up but not after down"


def test_flags_read_as_words() -> None:
    actual = [o for o in users() if getattr(o, "name", "") != "public.users.email"]
    actual.append(col("public.users", "email", 2, "character varying(320)", not_null=True))
    (d,) = diff_schemas(model(users()), model(actual))
    assert d.sentence == "column public.users.email is nullable in the files and NOT NULL in the database"
    assert (d.expected, d.actual) == ("false", "true")


def test_objects_of_a_missing_table_are_covered_by_it() -> None:
    expected = model(users())
    actual = model([Schema(name="public")])
    assert keys(diff_schemas(expected, actual)) == [("missing", "table", "public.users", None)]
    assert keys(diff_schemas(actual, expected)) == [("extra", "table", "public.users", None)]


def test_column_order_compares_shared_columns_only() -> None:
    appended = users(col("public.users", "nick", 3, "text"))
    assert keys(diff_schemas(model(users()), model(appended))) == [
        ("extra", "column", "public.users.nick", None)
    ]
    swapped = [o for o in users() if not isinstance(o, Column)] + [
        col("public.users", "email", 1, "character varying(320)"),
        col("public.users", "id", 2, not_null=True),
    ]
    (d,) = diff_schemas(model(users()), model(swapped))
    assert (d.object_type, d.name, d.attribute) == ("table", "public.users", "column order")
    assert (d.expected, d.actual) == ("id, email", "email, id")


def test_derived_fields_are_not_compared() -> None:
    plain = Index(name="public.i", table="public.t", keys="(a)", definition="CREATE INDEX i ON public.t (a)")
    other = Index(name="public.i", table="public.t", keys="(a)", definition="something else")
    assert diff_schemas(model([plain]), model([other])) == ()


def test_long_values_are_shown_as_a_unified_diff() -> None:
    body = "\n".join(f"line {i}" for i in range(10))
    exp = Constraint(name="public.t.c", table="public.t", constraint_type="check", definition=body)
    act = Constraint(
        name="public.t.c",
        table="public.t",
        constraint_type="check",
        definition=body.replace("line 5", "LINE 5"),
    )
    (d,) = diff_schemas(model([exp]), model([act]))
    assert d.sentence == "constraint public.t.c has a different definition in the files than in the database"
    text = format_diff([d])
    assert "    -line 5" in text
    assert "    +LINE 5" in text


def test_model_is_sorted_by_kind_then_name() -> None:
    m = model(list(reversed(users())))
    kinds = [o.object_type for o in m.objects]
    assert kinds == ["schema", "sequence", "table", "column", "column", "constraint", "index"]
    assert [o.name for o in m.objects if o.object_type == "column"] == [
        "public.users.email",
        "public.users.id",
    ]


def test_json_round_trip() -> None:
    m = model(users(Table(name="public.t", inherits=("public.a", "public.b"), options=("fillfactor=70",))))
    text = json.dumps(m.to_json())
    assert SchemaModel.from_json(json.loads(text)) == m


def test_from_json_rejects_other_documents() -> None:
    with pytest.raises(ValueError, match="not a migwiz schema model"):
        SchemaModel.from_json({"objects": []})


def test_normalise_examples() -> None:
    assert doctest.testmod(normalise).failed == 0


@pytest.mark.parametrize(
    ("definition", "contype", "expected"),
    [
        ("CHECK ((a > 0)) NOT VALID", "c", ("CHECK ((a > 0))", None, None)),
        ("UNIQUE (a) DEFERRABLE INITIALLY DEFERRED", "u", ("UNIQUE (a)", None, None)),
        (
            "FOREIGN KEY (a, b) REFERENCES t(x, y) ON UPDATE CASCADE ON DELETE SET NULL (b) DEFERRABLE",
            "f",
            ("FOREIGN KEY (a, b) REFERENCES t(x, y)", "CASCADE", "SET NULL (b)"),
        ),
        (
            "FOREIGN KEY (a) REFERENCES t(x) NOT ENFORCED",
            "f",
            ("FOREIGN KEY (a) REFERENCES t(x)", "NO ACTION", "NO ACTION"),
        ),
    ],
)
def test_constraint_definitions_are_split(definition: str, contype: str, expected: tuple[str, ...]) -> None:
    assert normalise.split_constraint(definition, contype) == expected


def test_index_keys_skip_parentheses_in_quotes() -> None:
    definition = "CREATE INDEX i ON public.t USING gin (((\"a)b\" || '('))) WITH (fastupdate=off)"
    assert normalise.index_parts(definition, "gin") == ("(((\"a)b\" || '(')))", None)
