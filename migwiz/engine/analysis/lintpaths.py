"""What `lint` and `trace` are given: folders, single files of a set whatever their name, loose files, stdin.

A file that belongs to a migration set (the configured folder, or found by walking up from the file: its
folder, then the folder above for Diesel's and Prisma's one-folder-per-migration layouts; for a Flyway file
in a subfolder, the folders above first that hold Flyway migrations themselves) is analysed in the
context of its predecessors in the set's order: the schema they build is known. That schema comes from
`migwiz.engine.analysis.lintcache` when a previous run left it, so one file of a long set takes a
fraction of a second.
A file outside any set, or read from stdin (`-`), is analysed alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from migwiz.engine.analysis import (
    CatalogFacts,
    ScriptLint,
    lint_down,
    lint_migration_set,
    lint_script,
    lint_up,
)
from migwiz.engine.analysis.lint import lint_migration, young_collections
from migwiz.engine.analysis.lintcache import (
    ReportCache,
    StateCache,
    StoredReport,
    cache_dir,
    remembered_scans,
)
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.errors import MigrationFileError, UsageError
from migwiz.engine.sets import detect_layout, load_migration_set
from migwiz.engine.sets.files import read_migration_file, script
from migwiz.engine.sets.flat import FLYWAY, FLYWAY_REPEATABLE
from migwiz.engine.sets.folders import PRISMA_SCRIPT
from migwiz.engine.sets.model import Migration, MigrationSet, Script, Version

_FLYWAY_UNDO = re.compile(r"U\d[\w.]*__.*\.sql")
CHECKPOINTS = 8
"""Schemas kept along a whole set's lint (besides before its last migration and its first changed one):
an edit anywhere analyses again at most an eighth of the set's ups before it (or 32 migrations)."""
STDIN = Path("-")
"""The path that stands for the script read from standard input."""
STDIN_LABEL = Path("<stdin>")


@dataclass(frozen=True)
class Located:
    """Where a file stands: its migration in a set (and which half), or nowhere."""

    path: Path
    mset: MigrationSet | None = None
    index: int = -1
    """Position of the file's migration in `mset.migrations`."""
    is_down: bool = False

    @property
    def migration(self) -> Migration | None:
        """The file's migration, when it belongs to a set."""
        return self.mset.migrations[self.index] if self.mset is not None else None

    @property
    def script(self) -> Script | None:
        """The file's script (up or down) when it belongs to a set."""
        migration = self.migration
        if migration is None:
            return None
        return migration.down if self.is_down else migration.up


def locate(
    path: Path,
    *,
    configured: Path | None = None,
    layout: str | None = None,
    loaded: dict[Path, MigrationSet | None] | None = None,
    cache: Path | None = None,
) -> Located:
    """The set `path` belongs to: the configured folder when the file is inside it, else its folder or the
    folder above (Diesel, Prisma) when that folder holds a set with this file in it; else no set.

    `loaded` keeps the sets read so far by resolved folder (several files of one set read it once);
    with a `cache` folder, their statements are split once and reused while the files do not change."""
    wanted = path.resolve()
    roots: list[Path] = []
    if configured is not None and configured.is_dir():
        inside = configured.resolve()
        if inside in wanted.parents:
            roots.append(configured)
    if above := _flyway_folders_above(path):  # Flyway reads subfolders: the set is a folder above
        candidates: tuple[Path, ...] = (*above, path.parent)
    elif _may_sit_below_its_set(path):
        candidates = (path.parent, path.parent.parent)
    else:
        candidates = (path.parent,)
    roots += [p for p in candidates if p.resolve() not in {r.resolve() for r in roots}]
    known = {} if loaded is None else loaded
    for root in roots:
        real = root.resolve()
        if real not in known:
            known[real] = _set_at(root, layout, cache)
        mset = known[real]
        if mset is None:
            continue
        found = _find(path, mset, wanted)
        if found is not None:
            return found
    return Located(path)


def _may_sit_below_its_set(path: Path) -> bool:
    """A file a set keeps one folder below its root: a Diesel or Prisma migration folder's script, or a
    Flyway migration in a subfolder. Any other file's grandparent is not looked at (a loose `~/x.sql`
    must not have the home folder read as a set)."""
    return path.name in ("up.sql", "down.sql", PRISMA_SCRIPT) or FLYWAY.fullmatch(path.name) is not None


_FLYWAY_LEVELS = 4
"""How many folders above a Flyway file's own are looked at for the set it belongs to."""


def _flyway_folders_above(path: Path) -> list[Path]:
    """The folders above a Flyway migration's own (up to `_FLYWAY_LEVELS`, not past a repository root)
    that hold Flyway migrations of their own, the highest first: Flyway scans its locations recursively,
    so `db/V1__a.sql` makes `db/` the set of `db/a/b/V2__b.sql`. One listing per folder, nothing else."""
    if FLYWAY.fullmatch(path.name) is None and FLYWAY_REPEATABLE.fullmatch(path.name) is None:
        return []
    found: list[Path] = []
    folder = path.parent
    for _ in range(_FLYWAY_LEVELS):
        if (folder / ".git").exists() or folder.parent == folder:
            break
        folder = folder.parent
        try:
            names = [e.name for e in folder.iterdir() if e.is_file()]
        except OSError:
            break
        if any(FLYWAY.fullmatch(n) or FLYWAY_REPEATABLE.fullmatch(n) for n in names):
            found.insert(0, folder)
    return found


def _find(path: Path, mset: MigrationSet, wanted: Path) -> Located | None:
    real = mset.root.resolve()

    def under_root(file: Path) -> Path:
        return real / file.relative_to(mset.root)

    resolvers: tuple[Callable[[Path], Path], ...] = (under_root, Path.resolve)
    for resolve in resolvers:  # the cheap way first: no system call per file
        for index, migration in enumerate(mset.migrations):
            if resolve(migration.up.path) == wanted:
                return Located(path, mset, index)
            if migration.down is not None and resolve(migration.down.path) == wanted:
                return Located(path, mset, index, is_down=True)
    return None


def _migration_folder(
    path: Path,
    configured: Path | None,
    layout: str | None,
    loaded: dict[Path, MigrationSet | None],
    cache: Path | None,
) -> list[Located]:
    """The up and down of the migration whose folder `path` is (Diesel's, Prisma's), if it is one."""
    if (path / "up.sql").is_file():
        script_path = path / "up.sql"
    elif (path / PRISMA_SCRIPT).is_file():
        script_path = path / PRISMA_SCRIPT
    else:
        return []
    found = locate(script_path, configured=configured, layout=layout, loaded=loaded, cache=cache)
    migration = found.migration
    if migration is None or found.is_down:
        return []
    down = [Located(found.path, found.mset, found.index, is_down=True)] if migration.down is not None else []
    return [found, *down]


def _set_at(root: Path, layout: str | None, cache: Path | None) -> MigrationSet | None:
    try:
        detect_layout(root, layout)
    except MigrationFileError:
        return None  # not a set: the file is looked for one folder up, else linted alone
    with remembered_scans(cache, root):
        return load_migration_set(root, layout)


def loose_script(path: Path, text: str | None = None) -> Script:
    """A file outside any set (or stdin's `text`) as a script: statements split, directives parsed."""
    label = STDIN_LABEL if path == STDIN else path
    if text is None:
        if path == STDIN:
            raise UsageError("-: nothing read from standard input", "pipe a script: migwiz lint - < file.sql")
        text = read_migration_file(path)
    return script(label, text)


def is_down_name(path: Path) -> bool:
    """A loose file named as a down script (`down.sql`, `*.down.sql`, Flyway's `U<version>__*.sql`)."""
    name = path.name.lower()
    return name == "down.sql" or name.endswith(".down.sql") or _FLYWAY_UNDO.fullmatch(path.name) is not None


def lint_located(
    found: Located,
    *,
    pg_version: int,
    catalog: CatalogFacts | None = None,
    applied: frozenset[str] = frozenset(),
    text: str | None = None,
    cache: Path | bool | None = True,
) -> list[ScriptLint]:
    """Lint one file in the context of its predecessors (skipping those in `applied`: the catalog holds them).

    `cache`: True for the user cache folder (`lintcache.cache_dir()`), a folder, or False/None for none.
    """
    migration = found.migration
    if found.mset is None or migration is None:
        loose = loose_script(found.path, text)
        return [lint_script(loose, Schema.of(catalog), pg_version, is_down=is_down_name(found.path))]
    known = applied_versions(found.mset, applied)
    if migration.version in known:
        return []  # applied: the catalog already holds its effect, as when the whole set is linted
    chain = [m for m in found.mset.migrations[: found.index] if m.version not in known]
    folder = cache_dir() if cache is True else (cache or None)
    schema = state_before(
        chain, StateCache(folder, pg_version=pg_version, catalog=catalog), pg_version, catalog
    )
    up = lint_up(migration, schema, pg_version)
    if found.is_down:
        return [lint_down(migration, schema, pg_version)]
    return [up]


def applied_versions(mset: MigrationSet, applied: frozenset[str]) -> set[Version]:
    """`applied` (history's spellings) as versions of `mset`'s layout."""
    return {mset.version(v) for v in applied}


def state_before(
    chain: Sequence[Migration], cache: StateCache, pg_version: int, catalog: CatalogFacts | None
) -> Schema:
    """The analysed schema after the up scripts of `chain`, from the cache's longest prefix; stored back."""
    keys = cache.keys(chain)
    hit = cache.newest(keys)
    start, schema = hit if hit is not None else (0, Schema.of(catalog))
    schema.from_empty = catalog is None  # the set from its first migration, as lint_migration_set walks it
    with young_collections() as collect:
        for migration in chain[start:]:
            lint_script(migration.up, schema, pg_version)  # as the whole set's lint walks it
            collect()
    if start < len(chain):
        cache.store(keys[-1], schema)
    return schema


def lint_folder(
    path: Path,
    layout: str | None,
    *,
    pg_version: int,
    catalog: CatalogFacts | None,
    applied: frozenset[str],
    cache: Path | None,
    notices: list[str] | None = None,
) -> tuple[ScriptLint, ...]:
    """Lint a whole set (the migrations not in `applied`), its statements split once per file text. With a
    `cache` folder, the lint of the migrations that did not change since a previous lint of the set is read
    back (all of it when nothing changed), the rest analysed from the schema kept before the first changed
    one (`lintcache.ReportCache`, `StateCache`). The set's loading notices are added to `notices`."""
    with remembered_scans(cache, path):
        mset = load_migration_set(path, layout)
    if notices is not None:
        notices.extend(n for n in mset.notices if n not in notices)
    known = applied_versions(mset, applied)
    chosen = tuple(m for m in mset.migrations if m.version not in known)
    if cache is None:
        return lint_migration_set(
            MigrationSet(mset.root, mset.layout, chosen), pg_version=pg_version, catalog=catalog
        ).files
    reports = ReportCache(cache, pg_version=pg_version, catalog=catalog, root=path)
    keys = reports.chain(chosen)
    stored = reports.load()
    reused = stored.reusable(keys) if stored is not None else 0
    per_migration = list(stored.migrations[:reused]) if stored is not None else []
    if reused < len(chosen):
        states = StateCache(cache, pg_version=pg_version, catalog=catalog)
        hit = states.newest(keys[: reused + 1])
        start, schema = hit if hit is not None else (0, Schema.of(catalog))
        schema.from_empty = catalog is None  # as lint_migration_set walks the set
        every = max(32, -(-len(chosen) // CHECKPOINTS))
        with young_collections() as collect:
            for migration in chosen[start:reused]:
                lint_script(migration.up, schema, pg_version)
                collect()
            for index in range(reused, len(chosen)):
                if index > 0 and (index in (reused, len(chosen) - 1) or index % every == 0):
                    states.store(keys[index], schema)  # where the next edit may start from
                per_migration.append(lint_migration(chosen[index], schema, pg_version))
                collect()
    if stored is None or reused < len(chosen) or len(stored.keys) != len(keys):
        reports.store(StoredReport(tuple(keys), tuple(per_migration)))
    return tuple(file for files in per_migration for file in files)


def lint_paths(
    paths: Sequence[Path],
    *,
    pg_version: int,
    catalog: CatalogFacts | None = None,
    applied: frozenset[str] = frozenset(),
    configured: Path | None = None,
    layout: str | None = None,
    stdin: str | None = None,
    cache: Path | bool | None = True,
    notices: list[str] | None = None,
) -> list[ScriptLint]:
    """Lint folders (the whole set) and single files (each in its set's context, or alone), in that order.

    What reading a folder linted whole noted (files its tool ignores, layout guesses) is added to
    `notices`, as `status` prints it."""
    files: list[ScriptLint] = []
    loaded: dict[Path, MigrationSet | None] = {}
    folder = cache_dir() if cache is True else (cache or None)
    for path in paths:
        if path == STDIN:
            files += lint_located(Located(path), pg_version=pg_version, catalog=catalog, text=stdin)
        elif path.is_dir() and (inner := _migration_folder(path, configured, layout, loaded, folder)):
            for found in inner:  # one Diesel or Prisma migration's folder: its scripts, in context
                linted = lint_located(
                    found, pg_version=pg_version, catalog=catalog, applied=applied, cache=folder
                )
                files += linted or _skipped_as_applied(found, notices)
        elif path.is_dir():
            files += lint_folder(
                path, layout, pg_version=pg_version, catalog=catalog, applied=applied, cache=folder,
                notices=notices,
            )  # fmt: skip
        elif path.is_file():
            found = locate(path, configured=configured, layout=layout, loaded=loaded, cache=folder)
            linted = lint_located(
                found, pg_version=pg_version, catalog=catalog, applied=applied, cache=folder
            )
            files += linted or _skipped_as_applied(found, notices)
        else:
            raise UsageError(
                f"{path}: no such file or folder", "name a migration file, a folder, or - for stdin"
            )
    return files


def _skipped_as_applied(found: Located, notices: list[str] | None) -> list[ScriptLint]:
    """A file named on the command line that `--dsn` showed applied is not linted: say so, never silently."""
    if notices is not None and found.migration is not None:
        notices.append(
            f"{found.path}: migration {found.migration.label} is applied on this database, so it is not"
            " linted (the catalog holds its effect); lint without --dsn to analyse it as written"
        )
    return []
