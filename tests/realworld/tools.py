"""Each tool's own reading of a migrations folder: which migrations, in which order, in which transaction.

Written from the tools' sources, independently of migwiz's loader, so the real-world tier can check
migwiz against them. Each function names the source file its rule comes from.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pglast


@dataclass(frozen=True)
class ToolMigration:
    """One migration as its tool sees it."""

    identity: str  # what the tool records as applied (its history key), as text
    up: Path
    up_text: str  # the SQL the tool sends for `up`
    transaction: bool  # whether the tool wraps `up` in a transaction


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def diesel(root: Path) -> list[ToolMigration]:
    """Diesel (diesel-rs/diesel, diesel_migrations).

    - Every non-hidden, non-empty directory is a migration; files beside them are ignored
      (migrations_internals/src/lib.rs `migrations_directories`).
    - Version: the name up to the first `_`, dashes removed (`version_from_string`); it is the
      history key in `__diesel_schema_migrations`.
    - Order: versions compared as strings (`MigrationVersion` derives `Ord` over `Cow<str>`;
      diesel_migrations/src/migration_harness.rs `pending_migrations` sorts by it).
    - Transaction: `run_in_transaction` from metadata.toml, true without the file
      (migrations_internals `TomlMetadata`, migration_harness.rs `run_migration`).
    """
    found = []
    for child in root.iterdir():
        if child.name.startswith(".") or not child.is_dir() or not any(child.iterdir()):
            continue
        version = child.name.split("_", 1)[0].replace("-", "")
        metadata = child / "metadata.toml"
        transaction = True
        if metadata.exists():
            # serde default for a missing key is false, as in TomlMetadata's `#[serde(default)]`
            transaction = bool(tomllib.loads(_read(metadata)).get("run_in_transaction", False))
        up = child / "up.sql"
        found.append(ToolMigration(version, up, _read(up), transaction))
    return sorted(found, key=lambda m: m.identity)


_GOLANG_MIGRATE = re.compile(r"^([0-9]+)_(.*)\.(down|up)\.(.*)$")


def golang_migrate(root: Path) -> list[ToolMigration]:
    """golang-migrate (golang-migrate/migrate).

    - File names match `^([0-9]+)_(.*)\\.(down|up)\\.(.*)$` (source/parse.go `Regex`); the version
      is parsed as uint64 (`strconv.ParseUint`), others are ignored.
    - Any extension: `3_x.up.txt` is migration 3; a second file for one version and direction makes
      the source fail (source/iofs/iofs.go `ErrDuplicateMigration` from `Migrations.Append`).
    - Order: by that number (source/migration.go `Migrations.buildIndex` sorts the uint64 index).
    - Transaction: the postgres driver sends each file as one Exec (database/postgres/postgres.go
      `runStatement`): one simple-protocol query, so several statements share one implicit transaction
      and a single one runs alone (a file of one CREATE INDEX CONCURRENTLY works), as for Prisma.
    """
    found: dict[int, Path] = {}
    seen: set[tuple[int, str]] = set()
    for child in root.iterdir():
        m = _GOLANG_MIGRATE.match(child.name)
        if not child.is_file() or not m or int(m[1]) >= 2**64:
            continue
        if (int(m[1]), m[3]) in seen:
            raise ValueError(f"{child}: duplicate migration (golang-migrate ErrDuplicateMigration)")
        seen.add((int(m[1]), m[3]))
        if m[3] == "up":
            found[int(m[1])] = child
    return [ToolMigration(str(v), p, _read(p), _several(_read(p))) for v, p in sorted(found.items())]


def _several(text: str) -> bool:
    """Whether a script sent as one simple query holds more than one statement (PostgreSQL's own parser
    counts them): only then does PostgreSQL wrap it in an implicit transaction."""
    return len(pglast.split(text)) > 1


_DBMATE_FILE = re.compile(r"^(\d+).*\.sql$")
_DBMATE_UP = re.compile(r"(?m)^--\s*migrate:up(\s*$|\s+\S+)")
_DBMATE_DOWN = re.compile(r"(?m)^--\s*migrate:down(\s*$|\s+\S+)")


def dbmate(root: Path) -> list[ToolMigration]:
    """dbmate (amacneil/dbmate).

    - Files match `^(\\d+).*\\.sql$`; the digits are the version (pkg/dbmate/db.go
      `migrationFileRegexp`).
    - Order: by file name as a string, not by version (db.go `FindMigrations`, `sort.Slice` on
      `FileName`).
    - Up: the text from the `-- migrate:up` line to the `-- migrate:down` line; a
      `transaction:false` option on that line runs it outside a transaction
      (pkg/dbmate/migration.go `parseMigrationContents`).
    """
    found = []
    for child in sorted(root.iterdir(), key=lambda p: p.name):
        m = _DBMATE_FILE.match(child.name)
        if not child.is_file() or not m:
            continue
        text = _read(child)
        up = _DBMATE_UP.search(text)
        assert up is not None, f"{child}: no -- migrate:up"
        down = _DBMATE_DOWN.search(text, up.end())
        body = text[up.end() : down.start() if down else len(text)]
        transaction = "transaction:false" not in up.group(1)
        found.append(ToolMigration(m[1], child, body, transaction))
    return found


def dbmate_down(path: Path) -> str | None:
    """The down section of a dbmate file, or None without a `-- migrate:down` line (dbmate 2 refuses the
    file then: pkg/dbmate/migration.go `ErrParseMissingDown`)."""
    text = _read(path)
    down = _DBMATE_DOWN.search(text)
    return text[down.end() :] if down else None


_FLYWAY = re.compile(r"^V(?P<version>[^_].*?)__(?P<desc>.*)\.sql$")
_FLYWAY_BASELINE = re.compile(r"^B(?P<version>[^_].*?)__(?P<desc>.*)\.sql$")
_FLYWAY_REPEATABLE = re.compile(r"^R__(?P<desc>.+)\.sql$")
# Statement starts Flyway runs outside a transaction on PostgreSQL 12+ (PostgreSQLParser.java); a line
# start stands for a statement start, which holds for the sets of this tier.
_NON_TRANSACTIONAL = re.compile(
    r"^\s*((CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY|(CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION)"
    r"|ALTER SYSTEM|REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM)|VACUUM|DISCARD ALL)\b",
    re.IGNORECASE | re.MULTILINE,
)


def flyway_key(version: str) -> tuple[int, ...]:
    """Flyway's version order: `_` read as `.`, parts compared as integers, trailing zeros ignored.

    flyway-core/src/main/java/org/flywaydb/core/api/MigrationVersion.java (`tokenize`, `compareTo`).

    >>> flyway_key("1_10") > flyway_key("1_9") and flyway_key("1.2") == flyway_key("1.2.0")
    True
    """
    parts = [int(p) for p in version.replace("_", ".").split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def flyway(root: Path) -> list[ToolMigration]:
    """Flyway (flyway/flyway), versioned SQL migrations `V<version>__<description>.sql`, baseline ones
    `B<version>__<description>.sql` and repeatable ones `R__<description>.sql`, on an empty database.

    - Files: the location and every folder below it (the file-system scanner recurses); prefixes are
      case-sensitive (`ResourceNameParser.findPrefix`: `startsWith`), the `.sql` suffix is not.
    - Baseline migrations (flyway-core/src/main/java/org/flywaydb/core/api/migration/baseline/,
      `ResolvedMigration.getState`, `BaselineResolvedMigration.getState`): on an empty history the
      newest `B` file runs in place of every versioned migration up to its version (those are
      BELOW_BASELINE, the one of its own version BASELINE_IGNORED); older `B` files are ignored.
    - Order: MigrationVersion (see `flyway_key`); then the repeatable ones, by description (the name
      with `_` read as a space; flyway-core/src/main/java/org/flywaydb/core/internal/resolver/
      ResolvedMigrationComparator.java: versioned before repeatable, repeatables by description).
      Their identity here is `R__<name>` (Flyway's history keys them by description, version NULL).
    - Transaction: each migration in its own transaction, unless a statement cannot run in one
      (flyway-database-postgresql `PostgreSQLParser.detectCanExecuteInTransaction`: CREATE/DROP INDEX
      CONCURRENTLY, CREATE/DROP DATABASE/TABLESPACE/SUBSCRIPTION, ALTER SYSTEM, REINDEX SCHEMA/
      DATABASE/SYSTEM, VACUUM, DISCARD ALL).
    """
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    found = []
    baselines = []
    for child in files:
        m = _FLYWAY.match(child.name) or _FLYWAY_BASELINE.match(child.name)
        if m:
            text = _flyway_placeholders(child, _read(child))
            canonical = ".".join(str(p) for p in flyway_key(m["version"]))
            transaction = _NON_TRANSACTIONAL.search(text) is None and _flyway_conf_transaction(child)
            entry = (flyway_key(m["version"]), ToolMigration(canonical, child, text, transaction))
            (baselines if child.name.startswith("B") else found).append(entry)
    if baselines:
        baseline = max(baselines, key=lambda pair: pair[0])
        found = [baseline] + [pair for pair in found if pair[0] > baseline[0]]
    repeatable = []
    for child in files:
        r = _FLYWAY_REPEATABLE.match(child.name)
        if r:
            text = _flyway_placeholders(child, _read(child))
            transaction = _NON_TRANSACTIONAL.search(text) is None and _flyway_conf_transaction(child)
            description = r["desc"].replace("_", " ")
            repeatable.append((description, ToolMigration(f"R__{r['desc']}", child, text, transaction)))
    versioned = [tm for _, tm in sorted(found, key=lambda pair: pair[0])]
    return versioned + [tm for _, tm in sorted(repeatable, key=lambda pair: pair[0])]


_FLYWAY_PLACEHOLDER = re.compile(r"\$\{(?P<name>[^}\n]+?)\}")


def _flyway_placeholders(script: Path, text: str) -> str:
    """The script as Flyway sends it on a default PostgreSQL connection: its built-in placeholders that need
    no configuration replaced (flyway-core `ParsingContext.populate`, `PlaceholderReplacingReader`; names
    case-insensitive): `flyway:defaultSchema` (the connection's current schema, `public`), `flyway:table`,
    `flyway:filename`. Any other `${...}` is left for psql to refuse, as Flyway refuses it without a value."""
    built_in = {
        "flyway:defaultschema": "public",
        "flyway:table": "flyway_schema_history",
        "flyway:filename": script.name,
    }
    return _FLYWAY_PLACEHOLDER.sub(lambda m: built_in.get(m["name"].lower(), m.group()), text)


def _flyway_conf_transaction(script: Path) -> bool:
    """A script configuration file `<script>.conf` with `executeInTransaction=false` (Flyway 6.1+,
    `ResourceProvider` / `SqlScriptMetadata`) runs the script outside a transaction."""
    conf = script.with_name(script.name + ".conf")
    if not conf.is_file():
        return True
    lines = [line.replace(" ", "") for line in _read(conf).splitlines()]
    return "executeInTransaction=false" not in lines


def sqlx(root: Path) -> list[ToolMigration]:
    """sqlx (launchbadge/sqlx), `<version>_<description>.sql` or `.up.sql` / `.down.sql`.

    - Files: split once on `_`; the rest must end in `.sql`; the version parses as i64
      (sqlx-core/src/migrate/source.rs `resolve_blocking`). Down scripts are not migrations to run.
    - Order: by version (`migrations.sort_by_key(|(m, _)| m.version)`).
    - Transaction: yes, unless the file starts with `-- no-transaction`.
    """
    found = []
    for child in root.iterdir():
        parts = child.name.split("_", 1)
        if not child.is_file() or len(parts) != 2 or not parts[1].endswith(".sql"):
            continue
        if parts[1].endswith(".down.sql"):
            continue
        text = _read(child)
        no_tx = text.startswith("-- no-transaction")
        found.append((int(parts[0]), ToolMigration(str(int(parts[0])), child, text, not no_tx)))
    return [tm for _, tm in sorted(found, key=lambda pair: pair[0])]


def prisma(root: Path) -> list[ToolMigration]:
    """Prisma Migrate (prisma/prisma), `<name>/migration.sql` directories.

    - Every directory is a migration, named by its directory; migration_lock.toml is not
      (packages/migrate/src/utils/listMigrations.ts).
    - Order: directory names sorted with JavaScript's `localeCompare` (packages/migrate/src/utils/
      listMigrations.ts; schema-engine applies them in the order it is given): ICU's root collation,
      see `locale_compare_key`.
    - Transaction: the script is sent as one simple query (schema-engine `raw_cmd`): PostgreSQL runs
      several statements as one implicit transaction, a single one on its own, so a migration.sql
      holding only CREATE INDEX CONCURRENTLY works (statements counted by PostgreSQL's own parser).
    """
    found = []
    for child in root.iterdir():
        if child.is_dir():
            assert child.name.isascii(), f"{child.name}: locale_compare_key covers ASCII only"
            up = child / "migration.sql"
            text = _read(up)
            found.append(ToolMigration(child.name, up, text, _several(text)))
    return sorted(found, key=lambda m: locale_compare_key(m.identity))


# ICU's root collation of printable ASCII (what Node's `localeCompare` uses without options): punctuation
# and symbols, non-ignorable, before the digits, then letters with case only a tertiary difference.
_ICU_ASCII = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz"


def locale_compare_key(name: str) -> tuple[tuple[int, ...], tuple[bool, ...]]:
    """A sort key equal to `a.localeCompare(b)` for ASCII names: primary weights (case folded), then
    the case of each letter, lower case first.

    >>> sorted(["10_b", "1_a", "x_B", "x_a", "a-b", "a_b"], key=locale_compare_key)
    ['1_a', '10_b', 'a_b', 'a-b', 'x_a', 'x_B']
    """
    return tuple(_ICU_ASCII.index(c.lower()) for c in name), tuple(c.isupper() for c in name)


TOOLS: dict[str, Callable[[Path], list[ToolMigration]]] = {
    "diesel": diesel,
    "golang-migrate": golang_migrate,
    "dbmate": dbmate,
    "flyway": flyway,
    "sqlx": sqlx,
    "prisma": prisma,
}


def identity_of(tool: str, version: str, name: str) -> str:
    """The tool's history key for a migration that `migwiz status` shows as `version` and `name`."""
    if tool == "diesel":
        return version.replace("-", "")
    if tool in ("golang-migrate", "sqlx"):
        return str(int(version))
    if tool == "flyway" and version.startswith("R__"):
        return version
    if tool == "flyway":
        return ".".join(str(p) for p in flyway_key(version))
    return version
