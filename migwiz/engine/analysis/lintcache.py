"""A cache of the analysed schema before a migration: one file of a long set lints in a fraction of a second.

An entry is the analyser's `Schema` after the up scripts of a migration's predecessors, keyed by the chain of
their checksums (and directives), the server version analysed for, the catalog facts it started from and
migwiz's version: changing, adding, removing or reordering any predecessor changes the key, so a stale entry
is never read. The newest `KEEP` entries are kept. The lint of a whole set is kept too (`ReportCache`), so
a pre-commit hook or an editor linting the same folder again reads it back, and after an edit only the
migrations from the first changed one are analysed again.

The cache lives in `$MIGWIZ_CACHE_DIR`, else `$XDG_CACHE_HOME/migwiz`, else `~/.cache/migwiz` (folder
`lint/`), outside any repository; `MIGWIZ_CACHE_DIR=off` turns it off. Entries are pickles written by the
user's own migwiz into a folder only that user can write; an unreadable entry counts as a miss.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from migwiz import __version__
from migwiz.engine.analysis.model import CatalogFacts, ScriptLint
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.sets.files import SCANS
from migwiz.engine.sets.model import Migration, Statement
from migwiz.engine.sets.splitting import ScannedSql

KEEP = 64
"""Entries kept (the newest by modification time); each is one set's schema at one point."""
KEEP_SCANS = 16
"""Split statements kept: one entry per migrations folder."""
KEEP_REPORTS = 8
"""Whole-set lints kept (`ReportCache`): one per set folder, server version and catalog."""
_FORMAT = "6"  # 2: schema states know statistics, triggers, policies and empty tables; 3: resumable
# 4: schema states know the search_path; 5: and the one the run's session carries
# 6: Flyway sets start each migration from the server's path; CREATE uses the path's first schema


def cache_dir() -> Path | None:
    """The lint cache folder, or None when the cache is turned off (`MIGWIZ_CACHE_DIR=off`)."""
    chosen = os.environ.get("MIGWIZ_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen) / "lint"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "migwiz" / "lint"
    try:
        return Path.home() / ".cache" / "migwiz" / "lint"
    except RuntimeError:  # no home folder: no cache
        return None


class StateCache:
    """The analysed schema before each migration of a chain, on disk (or nowhere when `folder` is None)."""

    def __init__(self, folder: Path | None, *, pg_version: int, catalog: CatalogFacts | None) -> None:
        self.folder = folder
        seed = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{pg_version}\0".encode())
        seed.update(pickle.dumps(catalog, protocol=5) if catalog is not None else b"-")
        self._seed = seed.hexdigest()

    def keys(self, chain: Sequence[Migration]) -> list[str]:
        """The key of the state before each of `chain` and after the last: `len(chain) + 1` keys."""
        out = [self._seed]
        for migration in chain:
            step = f"{out[-1]}\0{migration.checksum}\0{migration.up.directives!r}".encode()
            out.append(hashlib.sha256(step).hexdigest())
        return out

    def newest(self, keys: Sequence[str]) -> tuple[int, Schema] | None:
        """The longest prefix of the chain with a cached state: (its index in `keys`, the state)."""
        if self.folder is None:
            return None
        for index in range(len(keys) - 1, 0, -1):
            path = self.folder / f"{keys[index]}.pickle"
            if not path.exists():
                continue
            try:
                state = _loads(path.read_bytes())
            except Exception:  # a damaged or foreign entry is a miss, never an error
                continue
            if isinstance(state, Schema):
                with contextlib.suppress(OSError):
                    path.touch()
                return index, state
        return None

    def store(self, key: str, state: Schema) -> None:
        """Keep `state` under `key` (atomically); failures to write only cost the next run its speed."""
        if self.folder is None:
            return
        _write(self.folder, self.folder / f"{key}.pickle", state)
        _prune(self.folder, "*.pickle", KEEP)


class ReportCache:
    """The lint of a whole set, on disk: one entry per set folder (and server version, catalog facts and
    analyser code), each migration's lint kept with the key of the chain up to it. A key covers every
    script of the migration and of those before it (statements, directives, paths; downs included): an
    unchanged set is read back whole; after an edit, the migrations before the first changed one are read
    back and the analysis goes on from the schema stored before it (`StateCache`). Nowhere when `folder`
    is None."""

    def __init__(
        self, folder: Path | None, *, pg_version: int, catalog: CatalogFacts | None, root: Path
    ) -> None:
        self.folder = folder
        self._seed = StateCache(None, pg_version=pg_version, catalog=catalog)._seed + _code_stamp()
        where = hashlib.sha256(f"report\0{self._seed}\0{root.resolve()}".encode()).hexdigest()
        self._path = folder / f"{where}.report" if folder is not None else None

    def chain(self, migrations: Sequence[Migration]) -> list[str]:
        """The key before each of `migrations` and after the last (`len + 1` keys): each the digest of the
        previous one and the migration's pickled scripts."""
        out = [hashlib.sha256(f"report\0{self._seed}".encode()).hexdigest()]
        for migration in migrations:
            digest = hashlib.sha256(out[-1].encode())
            digest.update(_dumps(migration))
            out.append(digest.hexdigest())
        return out

    def load(self) -> StoredReport | None:
        """The set's stored lint, or None (missing, damaged or foreign: a miss, never an error)."""
        if self._path is None:
            return None
        try:
            stored = _loads(self._path.read_bytes())
        except Exception:
            return None
        if not (
            isinstance(stored, StoredReport)
            and len(stored.keys) == len(stored.migrations) + 1
            and all(isinstance(f, ScriptLint) for files in stored.migrations for f in files)
        ):
            return None
        with contextlib.suppress(OSError):
            self._path.touch()
        return stored

    def store(self, stored: StoredReport) -> None:
        """Keep the set's lint (atomically); failures to write only cost the next run its speed."""
        if self.folder is None or self._path is None:
            return
        _write(self.folder, self._path, stored)
        _prune(self.folder, "*.report", KEEP_REPORTS)


@dataclass(frozen=True)
class StoredReport:
    """A set's lint: the chain's keys (`ReportCache.chain`) and each migration's scripts' lint."""

    keys: tuple[str, ...]
    migrations: tuple[tuple[ScriptLint, ...], ...]

    def reusable(self, keys: Sequence[str]) -> int:
        """How many migrations, from the first, have the same key (and lint) as in `keys`."""
        count = 0
        while count < min(len(keys), len(self.keys)) - 1 and keys[count + 1] == self.keys[count + 1]:
            count += 1
        return count


def _code_stamp() -> str:
    """Size and modification time of the analyser's and the loader's sources: a report made by other code
    (an upgrade, an edited checkout with the same version number) is never read back."""
    here = Path(__file__).resolve().parent
    stamp = []
    for source in sorted([*here.glob("*.py"), *(here.parent / "sets").glob("*.py")]):
        with contextlib.suppress(OSError):
            info = source.stat()
            stamp.append(f"{source.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\0".join(stamp).encode()).hexdigest()


@contextlib.contextmanager
def remembered_scans(folder: Path | None, root: Path) -> Iterator[None]:
    """Within the block, scripts loaded from `root` reuse the statements split by an earlier run (keyed by
    their text), and the splits it used are kept for the next; `folder` None keeps nothing."""
    if folder is None:
        yield
        return
    path = folder / f"{hashlib.sha256(f'{_FORMAT}{__version__}{root.resolve()}'.encode()).hexdigest()}.scans"
    try:
        stored = _loads(path.read_bytes())
    except Exception:  # missing, damaged or foreign: start afresh
        stored = {}
    memo: dict[tuple[str, int], ScannedSql] = stored if isinstance(stored, dict) else {}
    before = set(memo)
    token = SCANS.set(_Used(memo))
    try:
        yield
    finally:
        used = SCANS.get()
        SCANS.reset(token)
    assert isinstance(used, _Used)
    kept = {key: used[key] for key in used.used if key in used}
    if set(kept) != before:  # new splits, or some no longer used: keep what this run used
        _write(folder, path, kept)
        _prune(folder, "*.scans", KEEP_SCANS)


class _Used(dict[tuple[str, int], ScannedSql]):
    """The memo, recording which keys were asked for (the ones worth keeping)."""

    def __init__(self, memo: dict[tuple[str, int], ScannedSql]) -> None:
        super().__init__(memo)
        self.used: set[tuple[str, int]] = set()

    def get(self, key: tuple[str, int], default: ScannedSql | None = None) -> ScannedSql | None:  # type: ignore[override]
        self.used.add(key)
        return super().get(key, default)


def _statement(s: Statement) -> tuple[type[Statement], tuple[str, int, int]]:
    return Statement, (s.sql, s.line, s.column)


_REDUCERS = {**copyreg.dispatch_table, Statement: _statement}
"""A slotted frozen dataclass pickles through two Python calls per object (`__getstate__`, and
`__setstate__` on load) that read its fields each time; a set holds tens of thousands of statements."""


def _dumps(data: object) -> bytes:
    """`pickle.dumps` with statements stored as their constructor's arguments (several times faster)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.dispatch_table = _REDUCERS
    with _gc_paused():
        pickler.dump(data)
    return buffer.getvalue()


def _loads(data: bytes) -> object:
    """`pickle.loads` without the cyclic collector: a whole set's lint is hundreds of thousands of objects,
    none of them garbage, and the collector's passes over them cost more than the load itself."""
    with _gc_paused():
        return pickle.loads(data)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write(folder: Path, path: Path, data: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            handle.write(_dumps(data))
        os.replace(handle.name, path)
    except OSError:
        return


def _prune(folder: Path, pattern: str, keep: int) -> None:
    try:
        entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for stale in entries[keep:]:
        with contextlib.suppress(OSError):
            stale.unlink()
