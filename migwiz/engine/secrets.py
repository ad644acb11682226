"""Secrets: find every password a connection may use, and remove them from anything migwiz says.

Passwords are found by value — in the DSN (read leniently, so a malformed DSN still gives up its
password), `PGPASSWORD`, the matching `.pgpass` entries and the service file's section — and `scrub`
removes them, in every spelling they can take on the way out (percent-encoded, JSON, XML, `repr`,
quoted key=value), from text before it is printed, logged or written to a file.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TextIO, cast
from urllib.parse import quote, unquote

MIN_SECRET = 3
"""Shorter secrets are not scrubbed (they would blank out ordinary words)."""

_secrets: set[str] = set()
_SECRET_KEYS = ("password", "sslpassword", "oauth_client_secret")
_URI_START = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*://")
_URI_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)(\S*)(@)")
_KV_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'?|\S+)", re.IGNORECASE)
_KV_PASSWORD_START = re.compile(r"(?:^|\s)password\s*=\s*", re.IGNORECASE)
_NEXT_KEY = re.compile(r"\s+[A-Za-z_]+\s*=")
_PORTS = re.compile(r"[0-9,]*")


def is_uri(dsn: str) -> bool:
    """Whether `dsn` is written as a URI (`scheme://...`) rather than key=value pairs."""
    return bool(_URI_START.match(dsn))


def _uri_passwords(dsn: str) -> set[str]:
    rest = _URI_START.sub("", dsn, count=1).strip()
    found: set[str] = set()
    for at in {rest.find("@"), rest.rfind("@"), rest.split("?", 1)[0].rfind("@")}:
        userinfo = rest[:at] if at > 0 else ""
        if ":" in userinfo:
            found.add(userinfo.split(":", 1)[1])
    if "?" in rest:
        for pair in rest.split("?", 1)[1].split("&"):
            key, _, value = pair.partition("=")
            if unquote(key).strip().lower() == "password":
                found.add(value)
    return found | {unquote(p) for p in found}


def _kv_quoted(text: str) -> tuple[str, str]:
    """(value, raw text) of a single-quoted key=value value starting after its opening quote."""
    value: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            value.append(text[i + 1])
            i += 2
            continue
        if char == "'":
            return "".join(value), text[:i]
        value.append(char)
        i += 1
    return "".join(value), text  # unterminated: everything after the quote


@cache
def _libpq_keywords() -> frozenset[str]:
    import psycopg  # here, not at import: `migwiz --help` starts without psycopg

    return frozenset(o.keyword.decode() for o in psycopg.pq.Conninfo.get_defaults())


def _key(text: str) -> str:
    return text.strip().rstrip("=").strip()


def _kv_passwords(dsn: str) -> set[str]:
    found: set[str] = set()
    for match in _KV_PASSWORD_START.finditer(dsn):
        tail = dsn[match.end() :]
        if tail.startswith("'"):
            found.update(_kv_quoted(tail[1:]))
        words = tail.split()
        if words:
            found.add(words[0])
        following = _NEXT_KEY.search(tail)
        found.add((tail[: following.start()] if following else tail).strip())
        known = next((m for m in _NEXT_KEY.finditer(tail) if _key(m.group()) in _libpq_keywords()), None)
        found.add((tail[: known.start()] if known else tail).strip())
    return found


def dsn_passwords(dsn: str) -> set[str]:
    """Every string that may be the password of `dsn`, even when `dsn` is malformed.

    >>> sorted(dsn_passwords("postgresql://u:Canary/Pw7@127.0.0.1/db"))
    ['Canary/Pw7']
    >>> sorted(dsn_passwords("host=h password=Can ary dbname=x"))
    ['Can', 'Can ary']
    >>> sorted(dsn_passwords("host=h password=a b=c"))
    ['a', 'a b=c']
    """
    import psycopg
    from psycopg import conninfo

    found: set[str] = set()
    try:
        params = conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        params = {}
    found.update(str(params[k]) for k in _SECRET_KEYS if params.get(k))
    found |= _uri_passwords(dsn) if is_uri(dsn) else _kv_passwords(dsn)
    return {p for p in found if p}


def malformed(dsn: str) -> str | None:
    """Why `dsn` cannot be used safely, in words that quote none of it; None when it is well formed.

    A URI whose password holds an unencoded `@`, `/` or `:` still parses, into a host, port or database
    name made of the password's pieces: that counts as malformed too.
    """
    import psycopg
    from psycopg import conninfo

    try:
        params = conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError as exc:
        return _parse_problem(str(exc))
    if is_uri(dsn):
        before_query = _URI_START.sub("", dsn, count=1).split("?", 1)[0]
        ats = before_query.count("@")
        misplaced = ats > 1 or (ats == 1 and "/" in before_query[: before_query.index("@")])
        if misplaced or not _PORTS.fullmatch(str(params.get("port") or "")):
            return (
                "an unencoded @, / or : in the user name, password or database name "
                "(percent-encode them: @ is %40, / is %2F, : is %3A)"
            )
    return None


def _parse_problem(libpq_message: str) -> str:
    """libpq's parse error said in our words (libpq's own quote pieces of the DSN, the password too)."""
    lowered = libpq_message.lower()
    if "spaces" in lowered:
        return "a space inside the URI (write it as %20)"
    if "percent-encoded" in lowered:
        return "a % not followed by two hexadecimal digits (write a literal % as %25)"
    if 'missing "="' in lowered:
        return "a word without = (put a value holding spaces in single quotes)"
    if "unterminated quoted string" in lowered:
        return "a quoted value with no closing quote"
    if "invalid connection option" in lowered or "invalid uri query parameter" in lowered:
        return "an unknown connection parameter (or an unquoted space in a value)"
    if "separator" in lowered:
        return "an extra = in a URI query parameter"
    return "libpq cannot parse it"


def _pgpass_fields(line: str) -> list[str]:
    fields: list[str] = []
    current: list[str] = []
    chars = iter(line)
    for char in chars:
        if char == "\\":
            current.append(next(chars, ""))
        elif char == ":" and len(fields) < 4:
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields


def _pgpass_passwords(path: Path, params: dict[str, Any]) -> set[str]:
    """Passwords of the `.pgpass` lines that may match (an unknown field matches anything)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return set()
    wanted = [str(params.get(k) or "") for k in ("host", "port", "dbname", "user")]
    found: set[str] = set()
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = _pgpass_fields(line)
        if len(fields) == 5 and all(f in ("*", w) or not w for f, w in zip(fields, wanted, strict=False)):
            found.add(fields[4])
    return found


def _home() -> Path:
    """The user's home folder, as libpq finds it (a path that does not exist when there is none)."""
    try:
        return Path.home()
    except (KeyError, RuntimeError):
        return Path("/nonexistent")


def _service_passwords(name: str, params: dict[str, Any]) -> set[str]:
    files = [Path(os.environ.get("PGSERVICEFILE") or _home() / ".pg_service.conf")]
    if os.environ.get("PGSYSCONFDIR"):
        files.append(Path(os.environ["PGSYSCONFDIR"]) / "pg_service.conf")
    found: set[str] = set()
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        section = None
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("[") and stripped.endswith("]"):
                section = stripped[1:-1].strip()
            elif section == name and "=" in stripped and not stripped.startswith("#"):
                key, _, value = stripped.partition("=")
                if key.strip() == "password":
                    found.add(value.strip())
                elif key.strip() in ("host", "port", "dbname", "user"):
                    params.setdefault(key.strip(), value.strip())
    return found


def remember_secrets(dsn: str) -> None:
    """Note every password `dsn` may use (the DSN's own, PGPASSWORD, .pgpass, service file) for `scrub`."""
    named = bool(dsn.strip())  # libpq reads nothing from an empty DSN: no psycopg for `lint` without one
    found = dsn_passwords(dsn) if named else set()
    if os.environ.get("PGPASSWORD"):
        found.add(os.environ["PGPASSWORD"])
    params: dict[str, Any] = {}
    if named:
        import psycopg
        from psycopg import conninfo

        try:
            params = dict(conninfo.conninfo_to_dict(dsn))
        except psycopg.ProgrammingError:
            params = {}
    for key, env in (("host", "PGHOST"), ("port", "PGPORT"), ("dbname", "PGDATABASE"), ("user", "PGUSER")):
        if not params.get(key) and os.environ.get(env):
            params[key] = os.environ[env]
    service = str(params.get("service") or os.environ.get("PGSERVICE") or "")
    if service:
        found |= _service_passwords(service, params)
    passfile = params.get("passfile") or os.environ.get("PGPASSFILE") or _home() / ".pgpass"
    found |= _pgpass_passwords(Path(str(passfile)), params)
    _secrets.update(p for p in found if p)
    _secrets.update(piece for p in found for piece in pieces(p))


PIECE = 4
"""Shortest piece of a password (split at whitespace) that is scrubbed on its own."""


def pieces(password: str) -> set[str]:
    """The parts of `password` between whitespace, long enough to scrub on their own: a server or libpq
    message may quote a password cut at a space (`options='-c Pw@/ x'` is echoed up to the space).

    >>> sorted(pieces("Pw@/:% 'x tail"))
    ["'x tail", 'Pw@/:%', "Pw@/:% 'x", 'tail']
    >>> pieces("no_space_here")
    set()
    """
    words = password.split()
    if len(words) < 2:
        return set()
    found = {w for w in words if len(w) >= PIECE}
    found |= {" ".join(words[i:]) for i in range(1, len(words)) if len(" ".join(words[i:])) >= PIECE}
    found |= {" ".join(words[:i]) for i in range(1, len(words)) if len(" ".join(words[:i])) >= PIECE}
    return found


def _spellings(secret: str) -> set[str]:
    """The ways `secret` can be written in what migwiz outputs: raw and in each escaping it meets."""
    xml = secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return {
        secret,
        quote(secret, safe=""),
        quote(secret),
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        repr(secret)[1:-1],
        secret.encode("unicode_escape").decode("ascii"),
        secret.replace("\\", "\\\\").replace("'", "\\'"),
        xml,
        xml.replace('"', "&quot;"),
        html.escape(secret),
    }


def scrub(text: str) -> str:
    """Remove every known secret, in any of its spellings, and any password written in a DSN.

    >>> scrub("postgresql://app:hunter2@db/x failed")
    'postgresql://app:***@db/x failed'
    >>> scrub("host=db password='a b' dbname=x")
    'host=db password=*** dbname=x'
    """
    text = _URI_PASSWORD.sub(r"\1***\3", text)
    text = _KV_PASSWORD.sub(r"\1***", text)
    for spelling in _all_spellings(frozenset(_secrets)):
        text = text.replace(spelling, "***")
    return text


@lru_cache(maxsize=8)
def _all_spellings(known: frozenset[str]) -> tuple[str, ...]:
    """Every spelling of every secret long enough to scrub, longest first."""
    spellings = {s for secret in known if len(secret) >= MIN_SECRET for s in _spellings(secret)}
    return tuple(sorted((s for s in spellings if len(s) >= MIN_SECRET), key=len, reverse=True))


def scrub_value(value: Any) -> Any:
    """`scrub` applied to every string inside a JSON-like value (dicts, lists, tuples)."""
    scrubbed: dict[str, str] = {}  # a large report repeats its keys and words: scrub each text once

    def one(text: str) -> str:
        if text not in scrubbed:
            scrubbed[text] = scrub(text)
        return scrubbed[text]

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return one(value)
        if isinstance(value, dict):
            return {one(str(k)): walk(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    return walk(value)


_MAY_HOLD_PASSWORD = re.compile(r"postgres|password", re.IGNORECASE)


def may_hold_secrets(text: str) -> bool:
    """Whether `scrub` could change `text`, or any string whose JSON encoding (ASCII) is inside `text`.

    A string can only change under `scrub` when it holds "postgres", "password" or a spelling of a known
    secret, and JSON encodes a string character by character: when none of those nor their JSON encodings
    is in `text`, scrubbing `text` or any string encoded in it changes nothing.

    >>> may_hold_secrets('{"sql": "ALTER TABLE t ADD COLUMN a int"}')
    False
    >>> may_hold_secrets('{"dsn": "postgresql://app:x@db/app"}')
    True
    """
    if _MAY_HOLD_PASSWORD.search(text):
        return True
    return any(s in text or json.dumps(s)[1:-1] in text for s in _all_spellings(frozenset(_secrets)))


def scrubbed_json(payload: Any, *, indent: int | None = 2) -> str:
    """`payload` as JSON (objects it cannot encode as their `str`), every string in it scrubbed.

    A document that holds nothing `scrub` could change (`may_hold_secrets`) is encoded once, in C
    when `indent` is None, instead of being walked string by string.
    """
    compact = json.dumps(payload, default=str)
    if not may_hold_secrets(compact):
        if indent is None:
            return compact
        text = json.dumps(payload, default=str, indent=indent)
        return scrub(text) if may_hold_secrets(text) else text
    return scrub(json.dumps(scrub_value(json.loads(compact)), indent=indent))


class ScrubbedStream:
    """`sys.stdout` or `sys.stderr` (looked up at each write) with every known secret removed."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def stream(self) -> TextIO:
        """The stream written to now."""
        return cast(TextIO, getattr(sys, self.name))

    def write(self, text: str) -> int:
        """Write `text`, scrubbed."""
        return self.stream.write(scrub(text))

    def flush(self) -> None:
        """Flush the stream."""
        self.stream.flush()

    def isatty(self) -> bool:
        """Whether the stream is a terminal."""
        return self.stream.isatty()

    def fileno(self) -> int:
        """The stream's file descriptor."""
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        """The stream's encoding."""
        return getattr(self.stream, "encoding", None) or "utf-8"
