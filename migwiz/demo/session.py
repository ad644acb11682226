"""One demo session: server, `shop` database and background workload, started and stopped together."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from migwiz.demo import OBSERVABILITY_SQL, demo_baseline, demo_migrations_path
from migwiz.demo.data import create_demo_database, find_demo_database
from migwiz.demo.server import DemoServer, start_demo_server
from migwiz.demo.workload import Workload
from migwiz.engine import queries
from migwiz.engine.history.baseline import read_baseline, record_baseline
from migwiz.engine.servers.connect import connect


def default_state_dir() -> Path:
    """Where `migwiz demo --keep` keeps its server: `$XDG_STATE_HOME/migwiz/demo` or `~/.local/state/...`."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "migwiz" / "demo"


@dataclass
class DemoSession:
    """A running demo: `dsn` points at the `shop` database, `migrations_dir` at the demo set."""

    server: DemoServer
    dsn: str
    workload: Workload | None
    migrations_dir: Path = field(default_factory=demo_migrations_path)
    keep: bool = False

    def stop(self) -> None:
        """Stop the workload, and the server unless it is kept (once; later calls do nothing). SIGTERM and
        SIGHUP wait meanwhile: a second signal must not cut the cleanup short and leave half a folder."""
        with _signals_held():
            if self.workload is not None:
                self.workload.stop()
                self.workload = None
            if not self.keep:
                self.server.stop()

    def __enter__(self) -> DemoSession:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def record_demo_baseline(dsn: str) -> None:
    """Record the shop schema as the demo database's baseline (unless one is recorded): drift, verify,
    test-rollback and the wizard then start their shadow databases from it without flags."""
    with connect(dsn, autocommit=True, purpose="demo") as conn:
        if not read_baseline(conn):
            row = conn.execute(queries.load("demo_pg_stat_statements")).fetchone()
            extra = (OBSERVABILITY_SQL,) if row and row[0] else ()
            record_baseline(conn, (*demo_baseline(), *extra))


def start_demo(
    *,
    keep: bool = False,
    rows: int = 1_000_000,
    workload: bool = True,
    major: int | None = None,
    state_dir: Path | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> DemoSession:
    """Start (or reuse, when kept) the demo server, create the `shop` database and start the workload."""
    server = start_demo_server(major=major, state_dir=(state_dir or default_state_dir()) if keep else None)
    try:
        dsn = find_demo_database(server.admin_dsn) if server.reused else None
        if dsn is None:
            dsn = create_demo_database(server.admin_dsn, rows=rows, progress=progress)
        record_demo_baseline(dsn)
        load = Workload(dsn) if workload else None
        if load is not None:
            load.start()
    except BaseException:
        if not keep:
            server.stop()
        raise
    return DemoSession(server, dsn, load, keep=keep)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGTERM and SIGHUP ignored inside (main thread only; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {signum: signal.signal(signum, signal.SIG_IGN) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


class DemoStopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP reached `migwiz demo`: it ends as Ctrl-C ends it (server stopped, folder deleted)."""


def stop_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into `DemoStopped` in the main thread (the wizard handles both itself while
    it runs, then hands them back)."""

    def stopped(signum: int, frame: object) -> None:
        raise DemoStopped(signal.Signals(signum).name)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stopped)


def demo_commands(dsn: str, migrations_dir: Path) -> list[str]:
    """The CLI commands to try on the demo database (its baseline is recorded: no --baseline needed)."""
    folder = shlex.quote(str(migrations_dir))
    return [
        f"export DATABASE_URL={shlex.quote(dsn)}",
        f"migwiz status --dir {folder}",
        f"migwiz up --dir {folder} --to 0001",
        f"migwiz rollback --dir {folder}",
        f"migwiz verify --dir {folder}",
        "migwiz log --since 5m",
    ]
