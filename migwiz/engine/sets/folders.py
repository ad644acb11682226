"""Layouts of one folder per migration: Diesel (`up.sql`, `down.sql`, `metadata.toml`) and Prisma.

Diesel (`diesel_migrations`): every non-empty, non-hidden folder is a migration and must hold `up.sql`;
files beside the folders are ignored; the version is the folder name before the first `_` with its
dashes removed. An empty (0-byte) `down.sql` is no down script: Diesel refuses to run an empty file
(`run_sql_from_file`: EmptyMigration), so reverting it fails there instead of doing nothing; an empty
`up.sql` is refused, as `diesel migration run` fails on it.
`metadata.toml` sets `run_in_transaction` (read as Diesel's serde does: a file that parses but lacks
the key means `false`, a file that does not parse means the default, `true`).

Prisma (`schema-connector`): every folder is a migration holding `migration.sql`, ordered by folder
name; `migration_lock.toml` sits beside them, and a set whose lock file names another provider (mysql,
sqlite, ...) is refused, as Prisma refuses it (P3019). Prisma sends the script as one simple query, which
PostgreSQL runs as one implicit transaction; there are no down scripts.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.commits import in_transaction_failure, one_query_failure, only_concurrent
from migwiz.engine.sets.files import Folder, visible
from migwiz.engine.sets.model import Directives, Migration, Script
from migwiz.engine.sets.versions import diesel_version, prisma_version

DIESEL_FILES = ("up.sql", "down.sql", "metadata.toml")
PRISMA_SCRIPT = "migration.sql"
PRISMA_LOCK = "migration_lock.toml"


def load_diesel(folder: Folder) -> list[Migration]:
    """Diesel's migration folders, each with `up.sql` and optional `down.sql` and `metadata.toml`."""
    for path in folder.files:
        folder.ignore(path, "Diesel reads only migration folders")
    migrations = []
    for path in folder.dirs:
        inside = visible(path)
        if not inside and not _hidden_entries(path):
            folder.ignore(path, "an empty folder: Diesel skips it")
            continue
        if not inside:  # Diesel counts hidden entries: a folder holding only .DS_Store is a migration
            raise MigrationFileError(
                f"{path}: migration folder without up.sql (only {', '.join(_hidden_entries(path))})",
                hint="Diesel refuses it too (a folder with hidden files is not empty to Diesel): delete the"
                " folder or add up.sql",
            )
        present = {p.name: p for p in inside}
        if "up.sql" not in present:
            raise MigrationFileError(
                f"{path}: migration folder without up.sql",
                hint="Diesel refuses it too: add up.sql or move the folder out of the migrations folder",
            )
        for extra in inside:
            if extra.name not in DIESEL_FILES:
                folder.ignore(extra, "Diesel reads only up.sql, down.sql and metadata.toml")
        version_text, _, name = path.name.partition("_")
        if not version_text:
            raise MigrationFileError(f"{path}: a Diesel migration folder needs <version>_<name>")
        if _empty(present["up.sql"]):
            raise MigrationFileError(
                f"{present['up.sql']}: empty: Diesel refuses to run it (EmptyMigration)",
                hint="write what it does (a comment if nothing: `-- nothing to do`), or move the folder out",
            )
        base = _diesel_metadata(folder, present.get("metadata.toml"))
        up, up_checksum = folder.script(present["up.sql"], base=base)  # a big file streamed
        down = present.get("down.sql")
        if down is not None and folder.empty(down):
            folder.notices.append(
                f"{down}: empty: Diesel refuses to revert it (EmptyMigration), so migwiz reads no down script"
            )
            down = None
        down_script = folder.script(down, base=base)[0] if down else None  # a big file streamed
        for side in (up, down_script):
            if side is not None and (notice := _diesel_failure(side, base is None)) is not None:
                folder.notices.append(notice)
        migrations.append(
            Migration(
                version=diesel_version(version_text),
                name=name,
                up=up,
                down=down_script,
                checksum=up_checksum,
                layout="directory",
            )
        )
    return migrations


def _diesel_metadata(folder: Folder, path: Path | None) -> Directives | None:
    if path is None:
        return None
    try:
        data = tomllib.loads(folder.text(path))
    except tomllib.TOMLDecodeError as exc:
        folder.notices.append(f"{path}: not valid TOML ({exc}): Diesel then runs in a transaction")
        return None
    value = data.get("run_in_transaction", False)
    if not isinstance(value, bool):
        folder.notices.append(
            f"{path}: run_in_transaction = {value!r} is not true/false: Diesel then runs in a transaction"
        )
        return None
    return None if value else Directives(transaction=False)


def load_prisma(folder: Folder) -> list[Migration]:
    """Prisma's `<timestamp>_<name>/migration.sql` folders (no down scripts)."""
    for path in folder.files:
        if path.name == PRISMA_LOCK:
            _prisma_provider(folder, path)
        else:
            folder.ignore(path, "Prisma reads only migration folders and migration_lock.toml")
    hidden = _hidden_folders(folder.root)
    if hidden:
        raise MigrationFileError(
            f"{hidden[0]}: Prisma reads every folder here as a migration, hidden ones too (listMigrations);"
            " migwiz does not run hidden folders",
            hint="move it out of the migrations folder",
        )
    migrations = []
    for path in folder.dirs:
        sql_path = path / PRISMA_SCRIPT
        if not sql_path.is_file():
            raise MigrationFileError(
                f"{path}: migration folder without {PRISMA_SCRIPT}",
                hint="Prisma refuses it too: add migration.sql or move the folder out",
            )
        for extra in visible(path):
            if extra.name != PRISMA_SCRIPT:
                folder.ignore(extra, "Prisma reads only migration.sql")
        up, up_checksum = folder.script(sql_path)  # a big file streamed
        if (notice := _one_query_failure(up)) is not None:
            folder.notices.append(notice)
        _, sep, name = path.name.partition("_")
        migrations.append(
            Migration(
                version=prisma_version(path.name),
                name=name if sep else path.name,
                up=up,
                down=None,
                checksum=up_checksum,
                layout="prisma",
            )
        )
    return migrations


def _one_query_failure(up: Script) -> str | None:
    """Prisma sends migration.sql as one simple query (`raw_cmd`): several CONCURRENTLY statements fail
    there as one implicit transaction, where migwiz runs them one by one; say so. A mix with other
    statements is refused by migwiz too (`sets.transactions`): no notice."""
    return one_query_failure(up, "Prisma") if only_concurrent(up) is not None else None


def _diesel_failure(script: Script, in_transaction: bool) -> str | None:
    """Where Diesel fails on a file migwiz runs without a transaction: in Diesel's transaction (no
    `run_in_transaction = false`) any CONCURRENTLY statement; outside it, several statements sent as one
    query (`batch_execute`) with a CONCURRENTLY among them."""
    if not in_transaction:
        return one_query_failure(script, "Diesel")
    return in_transaction_failure(script, "Diesel", "no metadata.toml with run_in_transaction = false")


def _empty(path: Path) -> bool:
    """A 0-byte file: Diesel's `run_sql_from_file` refuses it (`sql.is_empty()`); a comment alone runs."""
    try:
        return path.stat().st_size == 0
    except OSError:
        return False  # unreadable: reading it says why


def _hidden_entries(path: Path) -> list[str]:
    try:
        return sorted(p.name for p in path.iterdir() if p.name.startswith("."))
    except OSError:
        return []  # listed just before; a folder gone since fails where its files are read


def _hidden_folders(root: Path) -> list[Path]:
    try:
        return sorted(p for p in root.iterdir() if p.name.startswith(".") and p.is_dir())
    except OSError:
        return []  # listed just before; a folder gone since fails where its files are read


PRISMA_POSTGRES = ("postgresql", "postgres")


def _prisma_provider(folder: Folder, path: Path) -> None:
    """Refuse a set `migration_lock.toml` says was written for another database, as Prisma does (P3019)."""
    try:
        provider = tomllib.loads(folder.text(path)).get("provider")
    except tomllib.TOMLDecodeError as exc:
        folder.notices.append(f"{path}: not valid TOML ({exc}): its provider is not checked")
        return
    if isinstance(provider, str) and provider not in PRISMA_POSTGRES:
        raise MigrationFileError(
            f'{path}: provider = "{provider}": these migrations were written for {provider}, not PostgreSQL',
            hint="Prisma refuses them on a PostgreSQL database too (P3019): point --dir at the PostgreSQL"
            " migrations",
        )
