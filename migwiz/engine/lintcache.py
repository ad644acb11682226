"""A cache of the analysed schema before a migration: one file of a long set lints in a fraction of a second.

An entry is the analyser's `Schema` after the up scripts of a migration's predecessors, keyed by the chain of
their checksums (and directives), the server version analysed for, the catalog facts it started from and
migwiz's version: changing, adding, removing or reordering any predecessor changes the key, so a stale entry
is never read. The newest `KEEP` entries are kept.

The cache lives in `$MIGWIZ_CACHE_DIR`, else `$XDG_CACHE_HOME/migwiz`, else `~/.cache/migwiz` (folder
`lint/`), outside any repository; `MIGWIZ_CACHE_DIR=off` turns it off. Entries are pickles written by the
user's own migwiz into a folder only that user can write; an unreadable entry counts as a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from migwiz import __version__
from migwiz.engine.analysis.model import CatalogFacts
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.model import Migration

KEEP = 64
"""Entries kept (the newest by modification time); each is one set's schema at one point."""
_FORMAT = "1"


def cache_dir() -> Path | None:
    """The lint cache folder, or None when the cache is turned off (`MIGWIZ_CACHE_DIR=off`)."""
    chosen = os.environ.get("MIGWIZ_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen) / "lint"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "migwiz" / "lint"


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
                state = pickle.loads(path.read_bytes())
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
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".tmp", delete=False) as handle:
                handle.write(pickle.dumps(state, protocol=5))
            os.replace(handle.name, self.folder / f"{key}.pickle")
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        assert self.folder is not None
        entries = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[KEEP:]:
            with contextlib.suppress(OSError):
                stale.unlink()
