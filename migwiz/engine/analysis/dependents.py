"""DROP without CASCADE of something other objects use: PostgreSQL refuses it, the migration stops."""

from __future__ import annotations

from migwiz.engine.analysis.effects import Hit


def dependents_hit(what: str, relation: str, users: list[str]) -> Hit:
    """A DROP without CASCADE of something other objects use: PostgreSQL refuses it (2BP01)."""
    names = ", ".join(users)
    return Hit(
        "drop-has-dependents",
        relation,
        f"{what} fails: {names} depend(s) on it (PostgreSQL refuses the DROP without CASCADE) and the "
        f"migration stops",
        f"-- first drop or change what depends on it ({names}) in this migration, or add CASCADE knowing "
        f"it drops them too",
    )
