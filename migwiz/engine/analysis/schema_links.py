"""Reverse maps over the analyser's schema, so that lookups by relation do not scan every relation.

`Links` answers "which relations' states name X as referenced table, used relation, rule relation or
index" in time proportional to the answer. It is kept up to date lazily: a relation whose state may
change (handed out by `Schema.table`, added, dropped or renamed) is marked with `touch`, and its part of
the maps is recomputed before the next lookup. `IndexOwners` is the index -> table mapping with a
table -> indexes map beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Protocol

from migwiz.engine.analysis.model import ForeignKeyFacts


class TableState(Protocol):
    """What the maps read of a relation's state (`schema.TableState`)."""

    foreign_keys: list[ForeignKeyFacts]
    used_columns: dict[str, set[str]]
    rules: dict[str, dict[str, set[str]]]
    indexes: dict[str, tuple[str, ...]]
    children: list[str]
    parent: str | None


FK = "fk"
"""Tables whose foreign keys reference the relation."""
USES = "uses"
"""Views and materialized views that use columns of the relation."""
RULE = "rule"
"""Relations with a rule that uses columns of the relation."""
INDEX = "index"
"""Relations whose `indexes` hold the index."""
ANY = "any"
"""Relations whose state names the relation in any way (child, parent, used, rule, foreign key)."""
KINDS = (FK, USES, RULE, INDEX, ANY)

_EMPTY: frozenset[str] = frozenset()


def _contribution(state: TableState) -> frozenset[tuple[str, str]]:
    """(kind, name) for every relation or index a state names."""
    out: set[tuple[str, str]] = set()
    for fk in state.foreign_keys:
        out.update(((FK, fk.referenced), (ANY, fk.referenced), (ANY, fk.table)))
    for relation in state.used_columns:
        out.update(((USES, relation), (ANY, relation)))
    for used in state.rules.values():
        for relation in used:
            out.update(((RULE, relation), (ANY, relation)))
    out.update((INDEX, index) for index in state.indexes)
    out.update((ANY, child) for child in state.children)
    if state.parent is not None:
        out.add((ANY, state.parent))
    return frozenset(out)


class Links:
    """Who names whom among a schema's relations, refreshed lazily for the relations touched."""

    def __init__(self) -> None:
        self.maps: dict[str, dict[str, frozenset[str]]] = {kind: {} for kind in KINDS}
        self.parts: dict[str, frozenset[tuple[str, str]]] = {}
        self.dirty: set[str] = set()
        self.order: dict[str, int] = {}
        """Relation -> its place in the schema's `tables` (insertion order, as the dict iterates)."""
        self.next_place = 0

    def copy(self) -> Links:
        """An independent copy (the frozensets inside are shared)."""
        other = Links()
        other.maps = {kind: dict(m) for kind, m in self.maps.items()}
        other.parts = dict(self.parts)
        other.dirty = set(self.dirty)
        other.order = dict(self.order)
        other.next_place = self.next_place
        return other

    def placed(self, name: str) -> None:
        """`name` was inserted into the schema's `tables` (at the end, as a new key)."""
        self.order[name] = self.next_place
        self.next_place += 1
        self.dirty.add(name)

    def place_all(self, names: Iterable[str]) -> None:
        """Every relation of a schema, in its `tables` order."""
        for name in names:
            self.placed(name)

    def touch(self, name: str) -> None:
        """The state of `name` may change (or is gone): recompute its part before the next lookup."""
        self.dirty.add(name)

    def settle(self, tables: Mapping[str, TableState]) -> None:
        """Bring the maps up to date and forget what was touched (at a statement boundary, when no state
        handed out before is changed any more)."""
        self.refresh(tables)
        self.dirty.clear()

    def refresh(self, tables: Mapping[str, TableState]) -> None:
        """Recompute the part of every touched relation (they stay touched: a state handed out in the
        current statement may still change)."""
        for name in self.dirty:
            state = tables.get(name)
            new = _contribution(state) if state is not None else _EMPTY_PART
            old = self.parts.get(name, _EMPTY_PART)
            if new == old:
                continue
            for kind, target in old - new:
                owners = self.maps[kind].get(target, _EMPTY) - {name}
                if owners:
                    self.maps[kind][target] = owners
                else:
                    self.maps[kind].pop(target, None)
            for kind, target in new - old:
                self.maps[kind][target] = self.maps[kind].get(target, _EMPTY) | {name}
            if state is None:
                self.parts.pop(name, None)
            else:
                self.parts[name] = new
        for name in self.dirty:
            if name not in tables:
                self.order.pop(name, None)
            elif name not in self.order:  # put there without `placed`: last seen, last listed
                self.order[name] = self.next_place
                self.next_place += 1

    def owners(self, kind: str, name: str, tables: Mapping[str, TableState]) -> list[str]:
        """Relations whose state names `name` as `kind` (a superset: callers check), in `tables` order."""
        if self.dirty:
            self.refresh(tables)
        found = self.maps[kind].get(name, _EMPTY)
        return sorted((n for n in found if n in tables), key=lambda n: self.order.get(n, self.next_place))


_EMPTY_PART: frozenset[tuple[str, str]] = frozenset()


class IndexOwners(MutableMapping[str, str]):
    """Index (qualified name) -> the table it is on, with the indexes of each table beside it."""

    def __init__(self, items: Mapping[str, str] | None = None) -> None:
        self._table: dict[str, str] = {}
        self._indexes: dict[str, frozenset[str]] = {}
        for index, table in (items or {}).items():
            self[index] = table

    def __getitem__(self, index: str) -> str:
        return self._table[index]

    def __setitem__(self, index: str, table: str) -> None:
        if index in self._table:
            self._unlink(index, self._table[index])
        self._table[index] = table
        self._indexes[table] = self._indexes.get(table, _EMPTY) | {index}

    def __delitem__(self, index: str) -> None:
        self._unlink(index, self._table.pop(index))

    def __contains__(self, index: object) -> bool:
        return index in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def _unlink(self, index: str, table: str) -> None:
        rest = self._indexes.get(table, _EMPTY) - {index}
        if rest:
            self._indexes[table] = rest
        else:
            self._indexes.pop(table, None)

    def of(self, table: str) -> frozenset[str]:
        """The indexes recorded on `table`."""
        return self._indexes.get(table, _EMPTY)

    def retable(self, old: str, new: str) -> None:
        """Indexes on table `old` are now on `new` (a rename), in place."""
        for index in self._indexes.get(old, _EMPTY):
            self[index] = new

    def copy(self) -> IndexOwners:
        """An independent copy."""
        other = IndexOwners()
        other._table = dict(self._table)
        other._indexes = dict(self._indexes)
        return other
