"""The DDL text of one schema object: its CREATE, DROP and COMMENT ON statements, and the quoted parts of
its name. Used by `drift --sql` (engine/schema/drift_sql.py) and the rollback data check.

Names in the model are already quoted by PostgreSQL's `quote_ident`, so they are used as they are;
strings (comments, enum labels) are quoted with `psycopg.sql.Literal`.
"""

from __future__ import annotations

from psycopg import sql

from migwiz.engine.schema import SchemaObject
from migwiz.engine.schema.model import (
    Column,
    CompositeType,
    Constraint,
    Domain,
    Enum,
    Extension,
    Function,
    Index,
    MaterializedView,
    Policy,
    Schema,
    Sequence,
    Table,
    Trigger,
    View,
)


def split_name(name: str) -> list[str]:
    """The dot-separated parts of a qualified name, each still quoted as quote_ident quoted it.

    >>> split_name('public."a.b".c')
    ['public', '"a.b"', 'c']
    """
    parts, current, quoted = [], "", False
    for ch in name:
        if ch == '"':
            quoted = not quoted
        if ch == "." and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def last_part(name: str) -> str:
    """The object's own (quoted) name: `users_pkey` of `public.users.users_pkey`."""
    return split_name(name)[-1]


def literal(value: str) -> str:
    """A string constant.

    >>> literal("it's")
    "'it''s'"
    """
    return sql.Literal(value).as_string(None)


def column_definition(c: Column) -> str:
    """`name type [COLLATE] [GENERATED ...] [DEFAULT ...] [NOT NULL]`."""
    parts = [last_part(c.name), c.type]
    if c.collation:
        parts.append(f"COLLATE {c.collation}")
    if c.generated:
        parts.append(f"GENERATED ALWAYS AS {c.generated}")
    elif c.identity:
        parts.append(f"GENERATED {c.identity.upper()} AS IDENTITY")
    elif c.default is not None:
        parts.append(f"DEFAULT {c.default}")
    if c.not_null:
        parts.append("NOT NULL")
    return " ".join(parts)


def create_table(table: Table, columns: list[Column]) -> str:
    """CREATE TABLE with its columns (constraints and indexes come as their own statements)."""
    unlogged = "UNLOGGED " if table.persistence == "unlogged" else ""
    if table.partition_of:
        head = (
            f"CREATE {unlogged}TABLE {table.name} PARTITION OF {table.partition_of} {table.partition_bound}"
        )
    else:
        body = ",\n    ".join(column_definition(c) for c in columns)
        head = (
            f"CREATE {unlogged}TABLE {table.name} (\n    {body}\n)"
            if body
            else f"CREATE TABLE {table.name} ()"
        )
        if table.inherits:
            head += f" INHERITS ({', '.join(table.inherits)})"
    if table.partition_by:
        head += f" PARTITION BY {table.partition_by}"
    if table.options:
        head += f" WITH ({', '.join(table.options)})"
    return head + ";"


def add_constraint(c: Constraint) -> str:
    """ALTER TABLE ... ADD CONSTRAINT with every attribute the model splits off the definition."""
    text = f"ALTER TABLE {c.table} ADD CONSTRAINT {last_part(c.name)} {c.definition}"
    if c.constraint_type == "foreign key":
        if c.match and c.match != "SIMPLE":
            text += f" MATCH {c.match}"
        if c.on_update and c.on_update != "NO ACTION":
            text += f" ON UPDATE {c.on_update}"
        if c.on_delete and c.on_delete != "NO ACTION":
            text += f" ON DELETE {c.on_delete}"
    if c.deferrable:
        text += " DEFERRABLE" + (" INITIALLY DEFERRED" if c.deferred else "")
    if not c.enforced:
        text += " NOT ENFORCED"
    elif not c.validated:
        text += " NOT VALID"
    return text + ";"


def create_sequence(s: Sequence) -> str:
    """CREATE SEQUENCE with all its properties."""
    cycle = "CYCLE" if s.cycle else "NO CYCLE"
    return (
        f"CREATE SEQUENCE {s.name} AS {s.data_type} INCREMENT BY {s.increment} MINVALUE {s.min_value}"
        f" MAXVALUE {s.max_value} START WITH {s.start} CACHE {s.cache} {cycle};"
    )


def function_definition(f: Function) -> str:
    """pg_get_functiondef's CREATE OR REPLACE text, ended with a semicolon."""
    assert f.definition is not None
    return f.definition.rstrip().rstrip(";") + ";"


def trigger_enabled(t: Trigger) -> str:
    """ALTER TABLE ... ENABLE/DISABLE TRIGGER for the trigger's firing state."""
    verb = {"origin": "ENABLE", "disabled": "DISABLE", "replica": "ENABLE REPLICA", "always": "ENABLE ALWAYS"}
    return f"ALTER TABLE {t.table} {verb[t.enabled]} TRIGGER {last_part(t.name)};"


def create_text(obj: SchemaObject) -> str | None:
    """CREATE statement for a kind that has no special handling, or None when it cannot be generated."""
    if isinstance(obj, Schema):
        return f"CREATE SCHEMA {obj.name};"
    if isinstance(obj, Extension):
        version = f" VERSION {literal(obj.version)}" if obj.version else ""
        return f"CREATE EXTENSION IF NOT EXISTS {obj.name} WITH SCHEMA {obj.schema}{version};"
    if isinstance(obj, Enum):
        return f"CREATE TYPE {obj.name} AS ENUM ({', '.join(literal(x) for x in obj.labels)});"
    if isinstance(obj, Domain):
        text = f"CREATE DOMAIN {obj.name} AS {obj.base_type}"
        if obj.collation:
            text += f" COLLATE {obj.collation}"
        if obj.default:
            text += f" DEFAULT {obj.default}"
        if obj.not_null:
            text += " NOT NULL"
        for entry in obj.constraints:
            name, _, check = entry.partition(": ")
            text += f" CONSTRAINT {name} {check}"
        return text + ";"
    if isinstance(obj, CompositeType):
        return f"CREATE TYPE {obj.name} AS ({', '.join(obj.attributes)});"
    if isinstance(obj, Function):
        return function_definition(obj)
    if isinstance(obj, Index):
        return obj.definition.rstrip(";") + ";" if obj.definition else None
    if isinstance(obj, MaterializedView):
        options = f" WITH ({', '.join(obj.options)})" if obj.options else ""
        return f"CREATE MATERIALIZED VIEW {obj.name}{options} AS\n{obj.definition.rstrip().rstrip(';')};"
    if isinstance(obj, View):
        options = f" WITH ({', '.join(obj.options)})" if obj.options else ""
        return f"CREATE VIEW {obj.name}{options} AS\n{obj.definition.rstrip().rstrip(';')};"
    if isinstance(obj, Trigger):
        return obj.definition.rstrip(";") + ";"
    if isinstance(obj, Policy):
        kind = "PERMISSIVE" if obj.permissive else "RESTRICTIVE"
        text = f"CREATE POLICY {last_part(obj.name)} ON {obj.table} AS {kind} FOR {obj.command}"
        text += f" TO {', '.join(obj.roles)}"
        if obj.using:
            text += f" USING ({obj.using})"
        if obj.with_check:
            text += f" WITH CHECK ({obj.with_check})"
        return text + ";"
    return None


def drop_text(obj: SchemaObject) -> str:
    """DROP ... IF EXISTS for any kind of object (a column, constraint, trigger or policy of its table)."""
    name = obj.name
    if isinstance(obj, Column):
        return f"ALTER TABLE {obj.table} DROP COLUMN IF EXISTS {last_part(name)};"
    if isinstance(obj, Constraint):
        return f"ALTER TABLE {obj.table} DROP CONSTRAINT IF EXISTS {last_part(name)};"
    if isinstance(obj, Trigger):
        return f"DROP TRIGGER IF EXISTS {last_part(name)} ON {obj.table};"
    if isinstance(obj, Policy):
        return f"DROP POLICY IF EXISTS {last_part(name)} ON {obj.table};"
    if isinstance(obj, Function):
        kind = {"procedure": "PROCEDURE", "aggregate": "AGGREGATE"}.get(obj.kind, "FUNCTION")
        return f"DROP {kind} IF EXISTS {name};"
    kinds = {
        "schema": "SCHEMA",
        "extension": "EXTENSION",
        "enum": "TYPE",
        "composite type": "TYPE",
        "domain": "DOMAIN",
        "sequence": "SEQUENCE",
        "table": "TABLE",
        "index": "INDEX",
        "view": "VIEW",
        "materialized view": "MATERIALIZED VIEW",
    }
    return f"DROP {kinds[obj.object_type]} IF EXISTS {name};"


def comment_on(obj: SchemaObject, comment: str | None) -> str:
    """COMMENT ON for any kind of object (IS NULL removes it)."""
    value = literal(comment) if comment is not None else "NULL"
    if isinstance(obj, Constraint | Trigger | Policy):
        return f"COMMENT ON {obj.object_type.upper()} {last_part(obj.name)} ON {obj.table} IS {value};"
    if isinstance(obj, Function):
        kind = (
            "PROCEDURE" if obj.kind == "procedure" else "AGGREGATE" if obj.kind == "aggregate" else "FUNCTION"
        )
        return f"COMMENT ON {kind} {obj.name} IS {value};"
    kinds = {"enum": "TYPE", "composite type": "TYPE"}
    return f"COMMENT ON {kinds.get(obj.object_type, obj.object_type.upper())} {obj.name} IS {value};"
