"""Typed errors. Each carries a one-line message and a hint saying what to do next."""

from __future__ import annotations

from migwiz.engine.secrets import scrub as scrub  # the faces scrub through here: it loads no database code


class MigwizError(Exception):
    """Base error: `message` is one line for the operator, `hint` says what to do about it."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        message, hint = scrub(message), scrub(hint) if hint else hint  # no secret in any error, ever
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


def one_line(exc: BaseException) -> str:
    """`exc` as one line for an operator, every known secret scrubbed: a `MigwizError`'s message (its lines
    joined), else the first non-empty line of its text (a server error's primary message), else its type's
    name. Every face turns errors into text through this.

    >>> one_line(ValueError("bad value\\nsecond line")), one_line(KeyError()), one_line(MigwizError("x", "y"))
    ('bad value', 'KeyError', 'x')
    """
    text = exc.message if isinstance(exc, MigwizError) else str(exc)
    lines = [line.strip() for line in scrub(text).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    return " ".join(lines) if isinstance(exc, MigwizError) else lines[0]


def hint_line(exc: BaseException) -> str | None:
    """The hint a `MigwizError` carries (scrubbed, one line), else None."""
    hint = getattr(exc, "hint", None)
    if not isinstance(hint, str) or not hint.strip():
        return None
    return " ".join(scrub(hint).split())


class UsageError(MigwizError):
    """Bad flags, configuration or migration files: nothing was run."""

    exit_code = 2


class MigrationFileError(UsageError):
    """A migration file cannot be loaded; the message names the file (and line where known)."""


class ConfigError(UsageError):
    """`migwiz.toml` or a flag is wrong."""


class OutputFileError(UsageError):
    """A report file (JUnit, SARIF, Markdown summary) cannot be written; the message names it."""


class ConnectionFailed(MigwizError):
    """The server cannot be reached or refused us (never shows a password)."""

    exit_code = 2


class PermissionProblem(MigwizError):
    """The connected role lacks a privilege migwiz needs."""

    exit_code = 2


class LockHeld(MigwizError):
    """Another migwiz run holds the migration lock for this database."""

    exit_code = 3


class LockLost(MigwizError):
    """The session holding this run's migration lock ended under it (terminated by a DBA, a migration,
    the server): another migwiz run could have taken the lock, so the run stopped."""

    exit_code = 3


class OwnTablesLocked(MigwizError):
    """Another session holds migwiz's own tables (history, log) longer than the bookkeeping lock_timeout."""

    exit_code = 3


class MigrationFailed(MigwizError):
    """A migration statement failed; it was rolled back as far as PostgreSQL allows."""

    exit_code = 1


class StateMismatch(MigwizError):
    """The history in the database and the files disagree (edited or missing applied migration)."""

    exit_code = 1


class ReadOnlyTarget(MigwizError):
    """The target accepts no writes: a hot standby, or `default_transaction_read_only` is on."""

    exit_code = 2


class ReadLockTimeout(MigwizError):
    """A read-only command waited longer than its lock_timeout for a lock another session holds."""

    exit_code = 3
