"""SQL that brings a database back to the schema its migration files describe (`migwiz drift --sql`).

The statements come in three groups, each in dependency order: drops of what only the database has
(dependents first), changes to objects both have, then creation of what only the files have (what others
depend on first). What cannot be generated safely is a `-- cannot generate safely: ...` comment.

Each object's statement text comes from engine/schema/ddl_text.py; this module orders them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from migwiz.engine.schema import Difference, SchemaModel, SchemaObject
from migwiz.engine.schema.ddl_text import (
    add_constraint,
    column_definition,
    comment_on,
    create_sequence,
    create_table,
    create_text,
    drop_text,
    function_definition,
    literal,
    trigger_enabled,
)
from migwiz.engine.schema.ddl_text import last_part as last_part  # rollback/data.py names it here
from migwiz.engine.schema.model import (
    Column,
    Constraint,
    Domain,
    Enum,
    Function,
    Index,
    Policy,
    Sequence,
    Table,
    Trigger,
    View,
)

DROP, ALTER, CREATE = 0, 1, 2

# Creation order of kinds; drops go the other way round.
_RANK = {
    "schema": 0,
    "extension": 1,
    "enum": 2,
    "domain": 3,
    "composite type": 4,
    "sequence": 5,
    "function": 6,
    "table": 7,
    "column": 8,
    "constraint": 9,
    "index": 11,
    "view": 12,
    "materialized view": 13,
    "trigger": 14,
    "policy": 15,
}
_OWNED_BY = 16
_COMMENT = 17


@dataclass(frozen=True, order=True)
class _Item:
    phase: int
    rank: int
    seq: int
    text: str


class _Builder:
    def __init__(self, expected: SchemaModel, actual: SchemaModel) -> None:
        self.expected = expected
        self.actual = actual
        self.items: list[_Item] = []

    def add(self, phase: int, rank: int, text: str) -> None:
        self.items.append(_Item(phase, rank, len(self.items), text))

    def cannot(self, phase: int, rank: int, sentence: str, why: str = "") -> None:
        self.add(phase, rank, f"-- cannot generate safely: {sentence}" + (f" ({why})" if why else ""))

    # -- drops -------------------------------------------------------------------------------------------

    def drop(self, obj: SchemaObject) -> None:
        rank = -_RANK[obj.object_type]
        text = drop_text(obj)
        if isinstance(obj, Constraint) and obj.constraint_type == "foreign key":
            rank -= 1  # foreign keys before the keys they reference
        self.add(DROP, rank, text)

    # -- creates -----------------------------------------------------------------------------------------

    def create(self, obj: SchemaObject, sentence: str) -> None:
        rank = _RANK[obj.object_type]
        if isinstance(obj, Table):
            self.create_table(obj)
            return
        if isinstance(obj, Column):
            self.add(CREATE, rank, f"ALTER TABLE {obj.table} ADD COLUMN {column_definition(obj)};")
            self._comment(obj)
            return
        if isinstance(obj, Constraint):
            fk = obj.constraint_type == "foreign key"
            self.add(CREATE, rank + (1 if fk else 0), add_constraint(obj))
            self._comment(obj)
            return
        if isinstance(obj, Sequence):
            self.add(CREATE, rank, create_sequence(obj))
            if obj.owned_by:
                self.add(CREATE, _OWNED_BY, f"ALTER SEQUENCE {obj.name} OWNED BY {obj.owned_by};")
            self._comment(obj)
            return
        if isinstance(obj, Function) and obj.definition is None:
            self.cannot(CREATE, rank, sentence, "aggregates are not generated")
            return
        text = create_text(obj)
        if text is None:
            self.cannot(CREATE, rank, sentence)
            return
        self.add(CREATE, rank, text)
        if isinstance(obj, Trigger) and obj.enabled != "origin":
            self.add(CREATE, rank, trigger_enabled(obj))
        self._comment(obj)

    def create_table(self, table: Table) -> None:
        columns = sorted(
            (c for c in self.expected.of_type(Column) if c.table == table.name), key=lambda c: c.position
        )
        owned = [s for s in self.expected.of_type(Sequence) if s.parent == table.name]
        identity_columns = {c.name for c in columns if c.identity}
        for seq in owned:
            if seq.owned_by not in identity_columns:
                self.add(CREATE, _RANK["sequence"], create_sequence(seq))
                self.add(CREATE, _OWNED_BY, f"ALTER SEQUENCE {seq.name} OWNED BY {seq.owned_by};")
        self.add(CREATE, _RANK["table"], create_table(table, columns))
        if table.rls_enabled:
            self.add(CREATE, _RANK["table"], f"ALTER TABLE {table.name} ENABLE ROW LEVEL SECURITY;")
        if table.rls_forced:
            self.add(CREATE, _RANK["table"], f"ALTER TABLE {table.name} FORCE ROW LEVEL SECURITY;")
        self._comment(table)
        for c in columns:
            self._comment(c)
        for obj in self.expected.objects:
            if obj.parent == table.name and not isinstance(obj, Column | Sequence):
                self.create(obj, f"{obj.object_type} {obj.name}")

    def _comment(self, obj: SchemaObject) -> None:
        if obj.comment is not None:
            self.add(CREATE, _COMMENT, comment_on(obj, obj.comment))

    # -- changes -----------------------------------------------------------------------------------------

    def change(self, exp: SchemaObject, act: SchemaObject, diffs: list[Difference]) -> None:
        attrs = {d.attribute for d in diffs}
        rank = _RANK[exp.object_type]
        if "comment" in attrs:
            text = comment_on(exp, exp.comment)
            self.add(ALTER, _COMMENT, text)
            attrs.discard("comment")
            diffs = [d for d in diffs if d.attribute != "comment"]
        if not diffs:
            return
        if isinstance(exp, Column) and isinstance(act, Column):
            self.change_column(exp, act, diffs)
        elif isinstance(exp, Constraint):
            if attrs == {"validated"} and exp.validated:
                self.add(ALTER, rank, f"ALTER TABLE {exp.table} VALIDATE CONSTRAINT {last_part(exp.name)};")
            else:
                self.recreate(exp, act)
        elif isinstance(exp, Index | View | Policy):
            self.recreate(exp, act)
        elif isinstance(exp, Function):
            if attrs & {"kind", "result", "arguments"}:
                self.recreate(exp, act)
            elif exp.definition is not None:
                self.add(ALTER, rank, function_definition(exp))
            else:
                for d in diffs:
                    self.cannot(ALTER, rank, d.sentence)
        elif isinstance(exp, Trigger):
            if attrs == {"enabled"}:
                self.add(ALTER, rank, trigger_enabled(exp))
            else:
                self.recreate(exp, act)
        elif isinstance(exp, Sequence):
            self.change_sequence(exp, diffs)
        elif isinstance(exp, Table):
            self.change_table(exp, diffs)
        elif isinstance(exp, Enum) and isinstance(act, Enum):
            self.change_enum(exp, act, diffs)
        elif isinstance(exp, Domain):
            self.change_domain(exp, diffs)
        else:
            for d in diffs:
                self.cannot(ALTER, rank, d.sentence)

    def recreate(self, exp: SchemaObject, act: SchemaObject) -> None:
        self.drop(act)
        self.create(exp, f"{exp.object_type} {exp.name}")

    def change_column(self, exp: Column, act: Column, diffs: list[Difference]) -> None:
        col = last_part(exp.name)
        head = f"ALTER TABLE {exp.table} ALTER COLUMN {col}"
        rank = _RANK["column"]
        attrs = {d.attribute for d in diffs}
        if attrs & {"type", "collation"}:
            collate = f" COLLATE {exp.collation}" if exp.collation else ""
            if act.default is not None and exp.default != act.default:
                self.add(ALTER, rank, f"{head} DROP DEFAULT;")
            self.add(
                ALTER,
                rank,
                f"{head} TYPE {exp.type}{collate} USING {col}::{exp.type};  -- rewrites the table",
            )
        for d in diffs:
            if d.attribute in ("type", "collation"):
                continue
            if d.attribute == "default" and not exp.identity:
                self.add(
                    ALTER,
                    rank,
                    f"{head} SET DEFAULT {exp.default};" if exp.default else f"{head} DROP DEFAULT;",
                )
            elif d.attribute == "not_null":
                self.add(ALTER, rank, f"{head} SET NOT NULL;" if exp.not_null else f"{head} DROP NOT NULL;")
            elif d.attribute == "identity":
                if exp.identity is None:
                    self.add(ALTER, rank, f"{head} DROP IDENTITY;")
                elif act.identity is None:
                    self.add(ALTER, rank, f"{head} ADD GENERATED {exp.identity.upper()} AS IDENTITY;")
                else:
                    self.add(ALTER, rank, f"{head} SET GENERATED {exp.identity.upper()};")
            else:
                self.cannot(ALTER, rank, d.sentence)

    def change_sequence(self, exp: Sequence, diffs: list[Difference]) -> None:
        clauses = {
            "data_type": f"AS {exp.data_type}",
            "start": f"START WITH {exp.start}",
            "increment": f"INCREMENT BY {exp.increment}",
            "min_value": f"MINVALUE {exp.min_value}",
            "max_value": f"MAXVALUE {exp.max_value}",
            "cycle": "CYCLE" if exp.cycle else "NO CYCLE",
            "cache": f"CACHE {exp.cache}",
            "owned_by": f"OWNED BY {exp.owned_by or 'NONE'}",
        }
        parts = [clauses[d.attribute] for d in diffs if d.attribute in clauses]
        if parts:
            self.add(ALTER, _RANK["sequence"], f"ALTER SEQUENCE {exp.name} {' '.join(parts)};")
        for d in diffs:
            if d.attribute not in clauses:
                self.cannot(ALTER, _RANK["sequence"], d.sentence)

    def change_table(self, exp: Table, diffs: list[Difference]) -> None:
        rank = _RANK["table"]
        for d in diffs:
            if d.attribute == "rls_enabled":
                verb = "ENABLE" if exp.rls_enabled else "DISABLE"
                self.add(ALTER, rank, f"ALTER TABLE {exp.name} {verb} ROW LEVEL SECURITY;")
            elif d.attribute == "rls_forced":
                verb = "FORCE" if exp.rls_forced else "NO FORCE"
                self.add(ALTER, rank, f"ALTER TABLE {exp.name} {verb} ROW LEVEL SECURITY;")
            elif d.attribute == "persistence":
                verb = "SET UNLOGGED" if exp.persistence == "unlogged" else "SET LOGGED"
                self.add(ALTER, rank, f"ALTER TABLE {exp.name} {verb};  -- rewrites the table")
            else:
                self.cannot(ALTER, rank, d.sentence)

    def change_enum(self, exp: Enum, act: Enum, diffs: list[Difference]) -> None:
        rank = _RANK["enum"]
        if [d.attribute for d in diffs] == ["labels"] and _is_subsequence(act.labels, exp.labels):
            for i, label in enumerate(exp.labels):
                if label in act.labels:
                    continue
                later = [x for x in exp.labels[i + 1 :] if x in act.labels]
                where = f" BEFORE {literal(later[0])}" if later else ""
                self.add(ALTER, rank, f"ALTER TYPE {exp.name} ADD VALUE {literal(label)}{where};")
            return
        for d in diffs:
            self.cannot(ALTER, rank, d.sentence, "enum labels can only be added")

    def change_domain(self, exp: Domain, diffs: list[Difference]) -> None:
        rank = _RANK["domain"]
        for d in diffs:
            if d.attribute == "default":
                text = f"SET DEFAULT {exp.default}" if exp.default else "DROP DEFAULT"
                self.add(ALTER, rank, f"ALTER DOMAIN {exp.name} {text};")
            elif d.attribute == "not_null":
                text = "SET NOT NULL" if exp.not_null else "DROP NOT NULL"
                self.add(ALTER, rank, f"ALTER DOMAIN {exp.name} {text};")
            else:
                self.cannot(ALTER, rank, d.sentence)


def _is_subsequence(part: Iterable[str], whole: tuple[str, ...]) -> bool:
    it = iter(whole)
    return all(any(x == y for y in it) for x in part)


def repair_sql(diffs: Iterable[Difference], expected: SchemaModel, actual: SchemaModel) -> list[str]:
    """Statements (and `--` comments) that turn `actual` into `expected`, in dependency order."""
    b = _Builder(expected, actual)
    exp_k, act_k = expected.keyed(), actual.keyed()
    changed: dict[tuple[str, str], list[Difference]] = {}
    for d in diffs:
        key = (d.object_type, d.name)
        if d.kind == "extra":
            b.drop(act_k[key])
        elif d.kind == "missing":
            b.create(exp_k[key], d.sentence)
        elif d.attribute == "column order":
            b.cannot(ALTER, _RANK["table"], d.sentence, "columns cannot be reordered in place")
        else:
            changed.setdefault(key, []).append(d)
    for key, group in changed.items():
        b.change(exp_k[key], act_k[key], group)
    return [item.text for item in sorted(b.items)]
