"""PostgreSQL client programs (`pg_dump`, `pg_restore`, ...) matching a server's major version.

Searched in this order: the builds `localserver` knows (embedded, then system), the Debian layout
`/usr/lib/postgresql/<major>/bin` (client-only packages install there too), then PATH. Each candidate is
verified with `--version`. Also: how to hand a DSN to such a program without its password showing in `ps`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import psycopg
from psycopg import conninfo

from migwiz.engine.errors import UsageError, one_line
from migwiz.engine.servers.connect import dsn_params
from migwiz.engine.servers.local import SYSTEM_ROOTS, embedded_binaries, system_binaries

_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(\S*)")


@dataclass(frozen=True)
class ClientProgram:
    """One verified client program: its path, major version and the version line it printed."""

    name: str
    path: Path
    major: int
    version: str
    """As printed by `--version`, e.g. "16.4"."""

    def sibling(self, name: str) -> ClientProgram:
        """Another program of the same installation (`pg_restore` beside this `pg_dump`)."""
        path = self.path.parent / name
        found = program_version(path)
        if found is None:
            raise UsageError(
                f"{name} not found beside {self.path}",
                f"install all PostgreSQL {self.major} client programs ({install_package(self.major)})",
            )
        return ClientProgram(name, path, found[0], found[1])

    def describe(self) -> str:
        """`pg_dump 16.4 (/path/to/pg_dump)`."""
        return f"{self.name} {self.version} ({self.path})"


def parse_version(text: str) -> tuple[int, str] | None:
    """Major version and version text from a `--version` line.

    >>> parse_version("pg_dump (PostgreSQL) 16.4 (Debian 16.4-1.pgdg120+1)")
    (16, '16.4')
    >>> parse_version("pg_dump (PostgreSQL) 18beta1"), parse_version("pg_dump (PostgreSQL) 9.6.24")
    ((18, '18beta1'), (9, '9.6.24'))
    >>> parse_version("bash: pg_dump: command not found") is None
    True
    """
    match = _VERSION.search(text)
    if not match:
        return None
    major = int(match.group(1))
    rest = f".{match.group(2)}" if match.group(2) else ""
    return major, f"{major}{rest}{match.group(3)}"


@cache
def program_version(path: Path) -> tuple[int, str] | None:
    """`(major, version)` from `path --version`; None when it is missing or not a PostgreSQL program."""
    if not path.is_file() or not os.access(path, os.X_OK):
        return None
    try:
        out = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return parse_version(out.stdout) if out.returncode == 0 else None


def install_package(major: int) -> str:
    """The Debian/Ubuntu package (apt.postgresql.org) holding the client programs of a major version."""
    return f"postgresql-client-{major}"


def candidate_paths(name: str, major: int | None = None) -> list[Path]:
    """Where to look for `name`, in order of preference (`major` first when given), without duplicates."""
    builds = embedded_binaries() + system_binaries()
    dirs = [b.bin_dir for b in builds if major is None or b.major == major]
    for root in SYSTEM_ROOTS:
        if major is not None:
            dirs.append(root / str(major) / "bin")
        elif root.is_dir():
            dirs.extend(child / "bin" for child in sorted(root.iterdir()) if child.name.isdigit())
    if major is not None:
        dirs.extend(b.bin_dir for b in builds if b.major != major)
        for root in SYSTEM_ROOTS:
            if root.is_dir():
                dirs.extend(child / "bin" for child in sorted(root.iterdir()) if child.name.isdigit())
    paths = [d / name for d in dirs]
    on_path = shutil.which(name)
    if on_path:
        paths.append(Path(on_path))
    seen: set[Path] = set()
    unique = []
    for path in paths:
        if path not in seen:
            seen.add(path)
            unique.append(path)
    return unique


def available(name: str) -> list[ClientProgram]:
    """Every working copy of `name` on this machine, in search order."""
    found = []
    for path in candidate_paths(name):
        version = program_version(path)
        if version is not None:
            found.append(ClientProgram(name, path, version[0], version[1]))
    return found


def find_client(name: str, major: int, *, newer_ok: bool = False) -> ClientProgram:
    """`name` (e.g. "pg_dump") of exactly PostgreSQL `major`; with `newer_ok`, the oldest newer one otherwise.

    Never an older one. Raises `UsageError` naming what is missing and the package that provides it.
    """
    found: list[ClientProgram] = []
    for path in candidate_paths(name, major):
        version = program_version(path)
        if version is None:
            continue
        program = ClientProgram(name, path, version[0], version[1])
        if program.major == major:
            return program
        found.append(program)
    newer = sorted((p for p in found if p.major > major), key=lambda p: p.major)
    if newer_ok and newer:
        return newer[0]
    others = sorted({p.major for p in found})
    seen = f"found only {name} {', '.join(map(str, others))}; " if others else ""
    wanted = f"{major} or newer" if newer_ok else str(major)
    raise UsageError(
        f"{name} {major} not found: install {install_package(major)}",
        f"{seen}migwiz needs {name} {wanted} for a PostgreSQL {major} server (Debian/Ubuntu: the"
        f" {install_package(major)} package from apt.postgresql.org; elsewhere the PostgreSQL {major}"
        " client programs, with their bin folder on PATH)",
    )


def libpq_invocation(dsn: str, *, application_name: str = "migwiz") -> tuple[list[str], dict[str, str]]:
    """Arguments and environment connecting a client program to `dsn`, the password off its command line.

    The password travels in PGPASSWORD (other users cannot read a process's environment in `ps`); the
    remaining connection parameters go in one `--dbname` conninfo string.
    """
    params = {k: str(v) for k, v in dsn_params(dsn).items() if v is not None}
    env = dict(os.environ)
    password = params.pop("password", None)
    if password is not None:
        env["PGPASSWORD"] = password
    if "sslpassword" in params:
        raise UsageError(
            "sslpassword in the DSN cannot be handed to a client program without showing it in `ps`",
            "use a client key libpq can open by itself (unencrypted, readable only by you)",
        )
    passfile = params.pop("passfile", None)
    if passfile is not None:
        env["PGPASSFILE"] = passfile
    params.setdefault("application_name", application_name)
    try:
        text = conninfo.make_conninfo("", **params)
    except psycopg.ProgrammingError as exc:
        raise UsageError(f"invalid connection string: {one_line(exc)}") from None
    return ["--dbname", text], env
