"""Compare two schema models and explain each difference in one sentence."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Literal

from migwiz.engine.schema.model import Column, SchemaModel, SchemaObject, Value, sort_key

DiffKind = Literal["missing", "extra", "changed"]

DEFAULT_LABELS = ("in the files", "in the database")

# attribute -> (words when true, words when false): read as "<object> is <words> <label>".
_FLAGS: dict[str, tuple[str, str]] = {
    "not_null": ("NOT NULL", "nullable"),
    "not_null_validated": ("NOT NULL validated", "NOT NULL NOT VALID"),
    "validated": ("validated", "NOT VALID"),
    "valid": ("valid", "INVALID"),
    "unique": ("unique", "not unique"),
    "deferrable": ("DEFERRABLE", "NOT DEFERRABLE"),
    "deferred": ("INITIALLY DEFERRED", "INITIALLY IMMEDIATE"),
    "enforced": ("ENFORCED", "NOT ENFORCED"),
    "rls_enabled": ("row-level security enabled", "row-level security disabled"),
    "rls_forced": ("row-level security forced", "row-level security not forced"),
    "permissive": ("PERMISSIVE", "RESTRICTIVE"),
    "security_definer": ("SECURITY DEFINER", "SECURITY INVOKER"),
    "strict": ("STRICT", "CALLED ON NULL INPUT"),
    "leakproof": ("LEAKPROOF", "NOT LEAKPROOF"),
    "cycle": ("CYCLE", "NO CYCLE"),
    "nulls_not_distinct": ("NULLS NOT DISTINCT", "NULLS DISTINCT"),
}

# Attributes whose value reads directly after "is": "column x is varchar(320) in the files ...".
_IS_VALUE = {"type", "persistence", "volatility", "identity"}

_LONG = 60  # values longer than this (or multi-line) are not quoted in the sentence


@dataclass(frozen=True)
class Difference:
    """One difference between an expected and an actual model.

    `name` is the object's qualified name (see `migwiz.engine.schema.model`); `attribute` is None for a
    missing or extra object; `expected`/`actual` are the attribute values as text (for a missing or
    extra object, a short description of it on the side where it exists).
    """

    kind: DiffKind
    object_type: str
    name: str
    attribute: str | None
    expected: str | None
    actual: str | None
    sentence: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (drift, rollback tests and CI reports share this shape)."""
        return {
            "kind": self.kind,
            "object_type": self.object_type,
            "name": self.name,
            "attribute": self.attribute,
            "expected": self.expected,
            "actual": self.actual,
            "sentence": self.sentence,
        }


def render(value: Value) -> str | None:
    """An attribute value as text: tuples joined with ", ", booleans as true/false."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def describe(obj: SchemaObject) -> str:
    """A short description of an object, for missing and extra differences."""
    if isinstance(obj, Column):
        return obj.type + (" NOT NULL" if obj.not_null else "")
    for attr in ("definition", "base_type", "labels", "attributes", "keys", "schema"):
        value = getattr(obj, attr, None)
        if value:
            return render(value) or ""
    return obj.object_type


def diff_schemas(
    expected: SchemaModel,
    actual: SchemaModel,
    *,
    labels: tuple[str, str] = DEFAULT_LABELS,
) -> tuple[Difference, ...]:
    """Every difference between `expected` and `actual`, in model order.

    An object whose table is itself missing or extra is not listed separately (the table's difference
    covers it). Column order is compared per table over the columns both sides have, as one
    "column order" difference. `labels` name the two sides in sentences ("in the files", "in the
    database"; for a rollback test e.g. "before up", "after down").
    """
    if expected.objects == actual.objects:
        return ()
    left, right = expected.keyed(), actual.keyed()
    only_left = {k for k in left if k not in right}
    only_right = {k for k in right if k not in left}
    gone_tables = {name for (kind, name) in only_left | only_right if kind == "table"}
    exp_orders, act_orders = _column_orders(expected), _column_orders(actual)
    out: list[Difference] = []
    for key in sorted(left.keys() | right.keys(), key=lambda k: sort_key(left.get(k) or right[k])):
        exp, act = left.get(key), right.get(key)
        obj = exp or act
        assert obj is not None
        if obj.parent is not None and obj.parent in gone_tables:
            continue
        if act is None:
            out.append(_presence("missing", obj, labels))
        elif exp is None:
            out.append(_presence("extra", obj, labels))
        else:
            out.extend(_changes(exp, act, labels))
            if key[0] == "table":
                order = _column_order(key[1], exp_orders, act_orders, labels)
                if order:
                    out.append(order)
    return tuple(out)


def _presence(kind: DiffKind, obj: SchemaObject, labels: tuple[str, str]) -> Difference:
    here, there = labels if kind == "missing" else (labels[1], labels[0])
    text = describe(obj)
    return Difference(
        kind=kind,
        object_type=obj.object_type,
        name=obj.name,
        attribute=None,
        expected=text if kind == "missing" else None,
        actual=text if kind == "extra" else None,
        sentence=f"{obj.object_type} {obj.name} exists {here} but not {there}",
    )


def _changes(exp: SchemaObject, act: SchemaObject, labels: tuple[str, str]) -> list[Difference]:
    out = []
    act_attrs = act.compared()
    for attr, value in exp.compared().items():
        other = act_attrs[attr]
        if value == other:
            continue
        out.append(
            Difference(
                kind="changed",
                object_type=exp.object_type,
                name=exp.name,
                attribute=attr,
                expected=render(value),
                actual=render(other),
                sentence=_sentence(exp, attr, value, other, labels),
            )
        )
    return out


def _column_orders(model: SchemaModel) -> dict[str, list[str]]:
    """Column names of each table in position order."""
    orders: dict[str, list[tuple[int, str]]] = {}
    for c in model.of_type(Column):
        orders.setdefault(c.table, []).append((c.position, c.name.rsplit(".", 1)[1]))
    return {table: [name for _, name in sorted(cols)] for table, cols in orders.items()}


def _column_order(
    table: str, exp_orders: dict[str, list[str]], act_orders: dict[str, list[str]], labels: tuple[str, str]
) -> Difference | None:
    exp_order, act_order = exp_orders.get(table, []), act_orders.get(table, [])
    common = set(exp_order) & set(act_order)
    exp_common = [c for c in exp_order if c in common]
    act_common = [c for c in act_order if c in common]
    if exp_common == act_common:
        return None
    e, a = ", ".join(exp_common), ", ".join(act_common)
    return Difference(
        kind="changed",
        object_type="table",
        name=table,
        attribute="column order",
        expected=e,
        actual=a,
        sentence=f"table {table} has columns in the order ({e}) {labels[0]} and ({a}) {labels[1]}",
    )


def _words(attr: str, value: Value) -> str:
    if attr in _FLAGS and isinstance(value, bool):
        return _FLAGS[attr][0 if value else 1]
    text = render(value)
    if text is None or text == "":
        return "none"
    return text


def _sentence(obj: SchemaObject, attr: str, value: Value, other: Value, labels: tuple[str, str]) -> str:
    subject = f"{obj.object_type} {obj.name}"
    l_exp, l_act = labels
    e, a = _words(attr, value), _words(attr, other)
    if attr in _FLAGS:
        return f"{subject} is {e} {l_exp} and {a} {l_act}"
    label = attr.replace("_", " ")
    if max(len(e), len(a)) > _LONG or "\n" in e or "\n" in a:
        return f"{subject} has a different {label} {l_exp} than {l_act}"
    if attr in _IS_VALUE:
        return f"{subject} is {e} {l_exp} and {a} {l_act}"
    return f"{subject} has {label} {e} {l_exp} and {a} {l_act}"


def format_diff(diffs: tuple[Difference, ...] | list[Difference]) -> str:
    """The differences for humans: one line per difference, long changed values as a unified diff."""
    if not diffs:
        return "No differences."
    lines = []
    for d in diffs:
        lines.append(f"{_MARK[d.kind]} {d.sentence}")
        if d.kind == "changed" and d.expected is not None and d.actual is not None and _long(d):
            udiff = difflib.unified_diff(
                d.expected.splitlines(), d.actual.splitlines(), "expected", "actual", lineterm=""
            )
            lines.extend("    " + line for line in udiff)
    return "\n".join(lines)


def _long(d: Difference) -> bool:
    e, a = d.expected or "", d.actual or ""
    return max(len(e), len(a)) > _LONG or "\n" in e + a


_MARK: dict[str, str] = {"missing": "-", "extra": "+", "changed": "~"}
