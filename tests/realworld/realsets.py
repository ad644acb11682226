"""The vendored real-world sets (sets.toml) and what the tier needs to run them the tools' way."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from migwiz.engine.servers.extensions import where_to_get
from migwiz.engine.servers.local import LocalServer
from tests.conftest import TestDatabase
from tests.realworld.tools import TOOLS, ToolMigration

HERE = Path(__file__).parent
SETS_DIR = HERE / "sets"
EXTERNAL_DIR = Path(
    os.environ.get("MIGWIZ_REALWORLD_CACHE") or Path.home() / ".cache" / "migwiz" / "realworld"
)
"""Where `python -m tests.realworld.fetch_external` puts the sets of external.toml."""
CHECKS = ("order", "apply", "drift", "rollback", "isolation")


@dataclass(frozen=True)
class RealSet:
    """One entry of sets.toml."""

    name: str
    tool: str
    repo: str
    commit: str
    path: str
    licence: str
    extensions: tuple[str, ...]
    migrations: int
    notes: str
    baseline: str | None = None
    pending: dict[str, str] = field(default_factory=dict)
    heavy: bool = False
    order_only: str | None = None
    """Why the set cannot be applied on a plain server: its order and readings are checked, not `up`."""
    external: bool = False
    """Fetched into EXTERNAL_DIR (external.toml: a licence that does not allow vendoring), not vendored."""
    beside: tuple[str, ...] = ()
    tool_fails: dict[str, str] = field(default_factory=dict)
    """{identity: why} of migrations the set's own tool fails on (several CREATE INDEX CONCURRENTLY in its
    transaction), which migwiz runs: the reference applies them as an operator does after the tool
    failed, each statement on its own (psql without `-1`)."""
    """Files of the folder's parent in the repository, copied beside `migrations/` (a Cargo.toml naming
    sqlx: what tells migwiz that `.up.sql` / `.down.sql` files are sqlx's, not golang-migrate's)."""
    dump: str | None = None
    """The tool's schema dump the project starts its databases from (a file of `beside`, with the tool's
    history rows): the set is checked from it (load, adopt, drift), not applied from an empty database."""

    @property
    def folder(self) -> Path:
        return (EXTERNAL_DIR if self.external else SETS_DIR) / self.name / "migrations"

    @property
    def baseline_args(self) -> list[str | Path]:
        """`--baseline FILE` for migwiz commands when the set starts from its tool's own tables."""
        return ["--baseline", HERE / "baselines" / self.baseline] if self.baseline else []

    def prepare(self, db: TestDatabase) -> None:
        """Create what the set expects before its first migration (its baseline), if anything."""
        if self.baseline:
            db.execute((HERE / "baselines" / self.baseline).read_text(encoding="utf-8"))

    def tool_order(self) -> list[ToolMigration]:
        """The migrations as the set's own tool reads them, in its order."""
        return TOOLS[self.tool](self.folder)

    def reference_order(self) -> list[ToolMigration]:
        """`tool_order`, the migrations the tool fails on applied statement by statement (`tool_fails`)."""
        return [
            replace(m, transaction=False) if m.identity in self.tool_fails else m for m in self.tool_order()
        ]

    def param(self, check: str) -> object:
        """A pytest param for this set, expected to fail (strictly) while `check` is pending."""
        assert check in CHECKS
        marks = []
        if check in self.pending:
            marks.append(pytest.mark.xfail(strict=True, reason=f"pending: {self.pending[check]}"))
        return pytest.param(self, id=self.name, marks=marks)


def load_sets(file: str = "sets.toml") -> list[RealSet]:
    """Every set of sets.toml (or external.toml: the sets fetched into EXTERNAL_DIR), in file order."""
    data = tomllib.loads((HERE / file).read_text(encoding="utf-8"))
    return [
        RealSet(
            name=s["name"],
            tool=s["tool"],
            repo=s["repo"],
            commit=s["commit"],
            path=s["path"],
            licence=s["licence"],
            extensions=tuple(s["extensions"]),
            migrations=s["migrations"],
            notes=s["notes"],
            baseline=s.get("baseline"),
            pending=dict(s.get("pending", {})),
            heavy=bool(s.get("heavy", False)),
            order_only=s.get("order_only"),
            external=file != "sets.toml",
            beside=tuple(s.get("beside", ())),
            tool_fails=dict(s.get("tool_fails", {})),
            dump=s.get("dump"),
        )
        for s in data["set"]
    ]


SETS = load_sets()
EXTERNAL = load_sets("external.toml")


def require_extensions(db: TestDatabase, real: RealSet) -> None:
    """Skip, naming them, when the server lacks extensions the set creates."""
    rows = db.execute("SELECT name FROM pg_available_extensions")
    available = {str(r[0]) for r in rows}
    missing = [e for e in real.extensions if e not in available]
    if missing:
        pytest.skip(
            f"{real.name} needs {', '.join(missing)}: not on {db.server.binaries.label}; "
            + "; ".join(where_to_get(name) for name in missing)
        )


def apply_with_psql(db: TestDatabase, migrations: list[ToolMigration]) -> None:
    """Apply `migrations` the tool's way: psql per file, in order, `-1` when the tool uses a transaction."""
    psql = db.server.binaries.tool("psql")
    with tempfile.TemporaryDirectory(prefix="migwiz-realworld-") as tmp:
        for i, m in enumerate(migrations):
            script = Path(tmp) / f"{i:04d}.sql"
            script.write_text(m.up_text, encoding="utf-8")
            args = [str(psql), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db.dsn, "-f", str(script)]
            if m.transaction:
                args.insert(1, "-1")
            proc = subprocess.run(args, capture_output=True, text=True, check=False, timeout=300)
            if proc.returncode != 0:
                raise AssertionError(f"psql failed on {m.up} ({m.identity}): {proc.stderr.strip()}")


# pg_dump's own lines: its comment headers (object name, type, owner, dump and server versions), session
# settings, the search_path reset and the random-key \restrict lines of newer versions. Comment lines
# inside function bodies are not of these forms and are kept.
_NOISE = re.compile(
    r"^(--|-- (Name|Data for Name|TOC entry|Dependencies): .*"
    r"|-- (Dumped (from|by)|PostgreSQL database dump).*"
    r"|SET \w+ = .*;|SELECT pg_catalog\.set_config\('search_path', '', false\);|\\(un)?restrict .*)$"
)


def schema_dump(server: LocalServer, dsn: str, *, exclude_schema: str = "migwiz") -> list[str]:
    """`pg_dump --schema-only` of the database without `exclude_schema`, as a sorted list of statements.

    Normalised so that only the schema counts: pg_dump's comment headers (object names and the
    dump's versions), `SET` lines and the search_path reset (session settings of the dump), and
    `\\restrict` lines (a random key per dump in newer pg_dump) are dropped; statements are the
    dump's blank-line separated blocks, sorted, because pg_dump breaks ties between objects of the
    same kind and name by OID, which depends on creation order rather than on the schema. Column
    order, types, defaults, constraints, function bodies and ownership stay exactly as dumped.
    """
    proc = subprocess.run(
        [
            str(server.binaries.tool("pg_dump")),
            "--schema-only",
            f"--exclude-schema={exclude_schema}",
            "-d",
            dsn,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    blocks: list[str] = []
    current: list[str] = []
    for line in proc.stdout.splitlines():
        if _NOISE.match(line):
            continue
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return sorted(blocks)
