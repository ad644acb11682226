"""How a script meets transactions, decided before anything runs.

- Statements PostgreSQL refuses in a transaction block (CREATE/DROP/REINDEX ... CONCURRENTLY, DETACH
  PARTITION CONCURRENTLY, VACUUM, ALTER SYSTEM, CREATE/DROP DATABASE and TABLESPACE, ALTER TYPE ... ADD
  VALUE before PostgreSQL 12): a script made only of them (and SET/RESET) runs without a transaction,
  statement by statement, with no directive needed, as Flyway does. Mixed with statements that need a
  transaction, the script is refused naming both lines, unless `-- migwiz:no-transaction` (or the
  layout's own marker) says to run every statement on its own.
- Transaction control written in the file (BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT,
  PREPARE TRANSACTION, COMMIT/ROLLBACK PREPARED, `AND CHAIN`) would commit or undo part of the migration
  behind the back of its history row: refused with its file:line. One exception, because golang-migrate
  and dbmate-era files do it: a plain BEGIN as the first statement and COMMIT (or END) as the last,
  wrapping the whole file, are dropped with a notice and the file runs in migwiz's own transaction,
  which is what those tools end up doing (even when the file is marked to run without a transaction: the
  tool then sends it as it is, and its BEGIN/COMMIT make it one transaction). Likewise plain BEGIN ...
  COMMIT blocks inside a file that runs in a transaction (`ALTER ...; BEGIN; ...; COMMIT; BEGIN; ...;
  COMMIT;`, one after the other, not nested): the tool sends the file as one query, so on success its
  state is that of one transaction; migwiz drops them and runs the whole file as one, all or nothing
  (a failure half-way commits nothing, where the tool would leave the blocks before it committed and
  the migration dirty). A COMMIT with no BEGIN before it ends the implicit transaction of the statements
  before it (the tool sends the file as one query) and is read as the end of such a block. One case needs
  the file's own commits: an `ALTER TYPE ... ADD VALUE` committed by a block before the value is used
  (PostgreSQL refuses a new enum value in the transaction that added it, 55P04; Prisma and hand-edited
  sets write `ADD VALUE; COMMIT;` for it). Such a file runs without a transaction, statement by
  statement (resumable), so that every value is committed before its use, as with the tool.
  A plain BEGIN with no COMMIT or ROLLBACK after it, in a file that runs in a transaction (AppFlowy-Cloud's
  sqlx files), starts nothing: PostgreSQL ignores it inside the tool's transaction (WARNING: there is
  already a transaction in progress) and the file commits with its history row. migwiz drops it with a
  notice.
  SAVEPOINT, RELEASE and
  ROLLBACK TO stay allowed inside a transactional script (they cannot escape migwiz's transaction) and
  are refused in a no-transaction one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NoReturn

from pglast import ast
from pglast.enums import ReindexObjectType, TransactionStmtKind

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.commits import adds_enum_value, block_lines, commits_only
from migwiz.engine.sets.model import Script, Statement
from migwiz.engine.sets.parsing import ParseError, parsed
from migwiz.engine.sets.streamed import StreamedStatements, with_shapes

if TYPE_CHECKING:  # history's status reads the server (psycopg): lint needs no import of it
    from migwiz.engine.history.status import MigrationStatus

_SAVEPOINT_KINDS = ("SAVEPOINT", "RELEASE", "ROLLBACK TO")
_BEGINS = ("BEGIN", "START TRANSACTION")
_CONTROL_WORD = re.compile(
    r"(?:begin|start\s+transaction|commit|end|rollback|abort|savepoint|release|prepare\s+transaction)\b",
    re.IGNORECASE,
)
_NO_TRANSACTION_HINT = re.compile(r"\b(?:concurrently|database|tablespace|system|value)\b", re.IGNORECASE)
_KINDS = {
    TransactionStmtKind.TRANS_STMT_BEGIN: "BEGIN",
    TransactionStmtKind.TRANS_STMT_START: "START TRANSACTION",
    TransactionStmtKind.TRANS_STMT_COMMIT: "COMMIT",
    TransactionStmtKind.TRANS_STMT_ROLLBACK: "ROLLBACK",
    TransactionStmtKind.TRANS_STMT_SAVEPOINT: "SAVEPOINT",
    TransactionStmtKind.TRANS_STMT_RELEASE: "RELEASE",
    TransactionStmtKind.TRANS_STMT_ROLLBACK_TO: "ROLLBACK TO",
    TransactionStmtKind.TRANS_STMT_PREPARE: "PREPARE TRANSACTION",
    TransactionStmtKind.TRANS_STMT_COMMIT_PREPARED: "COMMIT PREPARED",
    TransactionStmtKind.TRANS_STMT_ROLLBACK_PREPARED: "ROLLBACK PREPARED",
}


@dataclass(frozen=True)
class Control:
    """A transaction-control statement: its kind (BEGIN, COMMIT AND CHAIN, ...) and whether it is plain
    (no isolation level or other option, no AND CHAIN)."""

    kind: str
    plain: bool


def control_of(stmt: Statement) -> Control | None:
    """The transaction-control statement `stmt` is, None when it is something else.

    >>> control_of(Statement("END", 1))
    Control(kind='COMMIT', plain=True)
    >>> control_of(Statement("commit and chain", 1))
    Control(kind='COMMIT AND CHAIN', plain=False)
    >>> control_of(Statement("begin isolation level serializable", 1)).plain
    False
    >>> control_of(Statement("CREATE TABLE begin_log (id int)", 1)) is None
    True
    """
    m = _CONTROL_WORD.match(stmt.sql)
    if m is None:
        return None
    try:
        raws = parsed(stmt.sql)
    except ParseError:
        return Control(" ".join(m.group().upper().split()), False)
    for raw in raws:
        node = raw.stmt
        if isinstance(node, ast.TransactionStmt):
            kind = _KINDS.get(node.kind, "transaction control") if node.kind is not None else "BEGIN"
            if node.chain:
                kind += " AND CHAIN"
            return Control(kind, not node.options and not node.chain)
    return None


@dataclass(frozen=True)
class TransactionPlan:
    """How one script runs: the statements to run, in a transaction or not, and why."""

    script: Script
    """The script to run: a wrapping BEGIN/COMMIT dropped, `directives.transaction` as it will run."""
    automatic: Statement | None = None
    """The statement that made migwiz run the script without a transaction though nothing asked for it."""
    automatic_kind: str | None = None
    unwrapped: tuple[int, int] | None = None
    """Lines of the BEGIN and COMMIT that wrapped the whole file (or of the first BEGIN and last COMMIT of
    the blocks inside it) and were dropped."""
    blocks: tuple[tuple[int, int], ...] = ()
    """Lines of each BEGIN ... COMMIT block dropped from inside the file (empty: none, or one wraps all)."""
    ignored: tuple[int, ...] = ()
    """Lines of plain BEGINs with no COMMIT or ROLLBACK after them, dropped: inside the migration's
    transaction PostgreSQL ignores them."""
    committed: Statement | None = None
    """An ALTER TYPE ... ADD VALUE that a block of the file commits before the value's use: the script runs
    without a transaction, statement by statement, so that it is committed in time."""

    @property
    def in_transaction(self) -> bool:
        """Whether the script runs in one transaction."""
        return self.script.directives.transaction

    def mode(self) -> str:
        """In words: `in a transaction`, or without one and why."""
        if self.in_transaction:
            return "in a transaction"
        if self.automatic is not None:
            return (
                f"without a transaction: {self.automatic_kind} (line {self.automatic.line}) cannot run in one"
            )
        if self.committed is not None:
            return f"without a transaction: ADD VALUE (line {self.committed.line}) committed before use"
        return "without a transaction (directive)"

    def unwrap_message(self) -> str:
        """What became of the file's own BEGIN/COMMIT (empty when it has none)."""
        if self.unwrapped is None:
            return ""
        begin, commit = self.unwrapped
        if not self.blocks:
            return (
                f"BEGIN (line {begin}) and COMMIT (line {commit}) wrap the whole file: migwiz runs it in its"
                " own transaction instead"
            )
        lines = ", ".join(f"{b}-{c}" for b, c in self.blocks)
        if self.committed is not None:
            return (
                f"BEGIN ... COMMIT blocks inside the file (lines {lines}) commit ALTER TYPE ADD VALUE (line"
                f" {self.committed.line}) before the value is used: migwiz drops them and runs the file"
                " without a transaction, statement by statement (resumable), as each new value must be"
                " committed before its use"
            )
        return (
            f"BEGIN ... COMMIT blocks inside the file (lines {lines}): migwiz drops them and runs the whole"
            " file in one transaction (all or nothing)"
        )

    def ignored_message(self) -> str:
        """What became of BEGINs that nothing commits (empty when there are none)."""
        if not self.ignored:
            return ""
        lines = ", ".join(str(line) for line in self.ignored)
        return (
            f"BEGIN (line {lines}) with no COMMIT after it: inside the migration's transaction PostgreSQL"
            " ignores it (there is already a transaction in progress), as under the tool's; migwiz drops it"
        )

    def notices(self) -> list[str]:
        """What migwiz decided on its own, one line each, naming the file and line."""
        path = self.script.path
        out = []
        if self.unwrapped is not None:
            out.append(f"{path}:{self.unwrapped[0]}: {self.unwrap_message()}")
        if self.ignored:
            out.append(f"{path}:{self.ignored[0]}: {self.ignored_message()}")
        if self.automatic is not None:
            out.append(
                f"{path}:{self.automatic.line}: {self.automatic_kind} cannot run in a transaction: the "
                "migration runs without one, statement by statement (resumable)"
            )
        if not self.script.statements:
            out.append(f"{path}: no statements (empty or comments only): recorded as done with nothing run")
        return out


def with_transaction_modes(statuses: list[MigrationStatus], pg_version: int) -> list[MigrationStatus]:
    """`statuses` with how each up runs: in a transaction or not, and why (for `status`)."""
    out = []
    for s in statuses:
        if s.migration is None or s.migration.up.directives.backfill:
            out.append(s)
            continue
        try:
            plan = plan_transaction(s.migration.up, pg_version)
        except TransactionRefused as refused:
            out.append(replace(s, transaction=None, transaction_note=f"refused: {refused}"))
            continue
        note = None if plan.in_transaction else plan.mode()
        out.append(replace(s, transaction=plan.in_transaction, transaction_note=note))
    return out


def script_as_run(script: Script, pg_version: int) -> Script:
    """`script` as it will run (wrapper dropped, transaction switched off where needed); unchanged when
    migwiz refuses it (the refusal comes when it is run) or when it is a backfill."""
    if script.directives.backfill:
        return script
    try:
        return plan_transaction(script, pg_version).script
    except TransactionRefused:
        return script


def plan_transaction(script: Script, pg_version: int) -> TransactionPlan:
    """Decide how `script` runs on a server of major version `pg_version`; MigrationFileError (naming
    file and line) for transaction control it cannot honour, or a mix it cannot run safely.

    One pass over the statements that keeps only what the decision needs (the transaction control, and
    the first few statements of each kind, by position), so a streamed file is read once and never held
    whole."""
    statements = script.statements
    seen = _Seen.of(statements, pg_version)
    controls = seen.controls
    last = len(statements) - 1
    unwrapped: tuple[int, int] | None = None
    blocks: tuple[tuple[int, int], ...] = ()
    ignored: tuple[int, ...] = ()
    skip: frozenset[int] = frozenset()
    several = len(controls) > 2 and _plain_blocks(controls)
    if _wraps_whole_file(last, controls) and not (several and script.directives.transaction):
        # Marked no-transaction (dbmate transaction:false, Diesel run_in_transaction = false) or not, the
        # tool sends the file as it is, so its own BEGIN/COMMIT make it one transaction: so does migwiz.
        unwrapped = (controls[0][1].line, controls[-1][1].line)
        statements = statements[1:-1]
        skip = frozenset((0, last))
        controls = controls[1:-1]
        script = replace(script, directives=replace(script.directives, transaction=True))
    elif script.directives.transaction and (
        _plain_blocks(controls) or (commits_only(controls) and _commits_new_value(seen, controls))
    ):  # BEGIN; ...; COMMIT; BEGIN; ...; COMMIT; or ALTER TYPE ... ADD VALUE ...; COMMIT; ...
        blocks = block_lines(controls)
        unwrapped = (blocks[0][0], blocks[-1][1])
        skip = frozenset(index for index, _, _ in controls)
        statements = without(statements, skip)
        if seen.add_value is not None and _commits_new_value(seen, controls):
            no_transaction = replace(script.directives, transaction=False)
            script = replace(script, statements=statements, directives=no_transaction)
            return TransactionPlan(script, unwrapped=unwrapped, blocks=blocks, committed=seen.add_value[1])
        controls = []
    elif script.directives.transaction and all(c.plain and c.kind in _BEGINS for _, _, c in controls):
        ignored = tuple(stmt.line for _, stmt, _ in controls)  # none when there are no controls
        skip = frozenset(index for index, _, _ in controls)
        statements = without(statements, skip) if skip else statements
        controls = []
    for _, stmt, control in controls:
        if control.kind in _SAVEPOINT_KINDS and script.directives.transaction:
            continue
        if control.kind in _SAVEPOINT_KINDS:
            _refuse(
                script,
                stmt,
                f"{control.kind} in a migration that runs without a transaction",
                "each statement commits on its own here: remove it, or run the migration in a transaction",
            )
        _refuse(
            script,
            stmt,
            f"{control.kind} inside a migration: it would commit or undo part of it behind its history row",
            "remove it (split the migration in two where it commits): migwiz runs each migration and its"
            " history row in one transaction",
        )
    script = replace(script, statements=statements)
    if not script.directives.transaction:
        return TransactionPlan(script, unwrapped=unwrapped)
    outside = [(kind, stmt) for index, kind, stmt in seen.outside if index not in skip]
    inside = [(kind, stmt) for index, kind, stmt in seen.inside if index not in skip]
    if not outside:
        return TransactionPlan(script, unwrapped=unwrapped, blocks=blocks, ignored=ignored)
    first_kind, first = outside[0]
    if unwrapped is not None and not blocks:
        _refuse(
            script,
            first,
            f"{first_kind} cannot run in a transaction, but BEGIN (line {unwrapped[0]}) wraps it in one",
            "put it in a migration of its own, without BEGIN/COMMIT",
            control=False,
        )
    if inside:
        other_kind, other = inside[0]
        _refuse(
            script,
            first,
            f"{first_kind} cannot run in a transaction, but {other_kind} (line {other.line}) in the same "
            "migration needs one",
            "put it in a migration of its own, or add -- migwiz:no-transaction to run every statement on"
            " its own (a failure then leaves the migration part-way, resumable)",
            control=False,
        )
    no_transaction = replace(script.directives, transaction=False)
    no_transaction_script = replace(script, directives=no_transaction)
    return TransactionPlan(no_transaction_script, first, first_kind, unwrapped, blocks, ignored)


_KEPT = 2
"""Of each kind of statement, the first kept beyond these: a wrapping BEGIN/COMMIT may be dropped."""
_Found = tuple[int, Statement, Control]


@dataclass
class _Seen:
    """What one pass over a script's statements keeps for its transaction plan, with positions."""

    controls: list[_Found] = field(default_factory=list)
    """Every transaction-control statement (a migration has few)."""
    outside: list[tuple[int, str, Statement]] = field(default_factory=list)
    """The first statements that cannot run in a transaction."""
    inside: list[tuple[int, str, Statement]] = field(default_factory=list)
    """The first statements that need one (SET/RESET, empty statements and transaction control other than
    SAVEPOINT, RELEASE and ROLLBACK TO are in neither: such control is dropped or refused first)."""
    add_value: tuple[int, Statement] | None = None
    """The first ALTER TYPE ... ADD VALUE."""

    @classmethod
    def of(cls, statements: Sequence[Statement], pg_version: int) -> _Seen:
        if isinstance(statements, StreamedStatements):  # a big file: one pass per server version
            known = statements.memo(("transactions", pg_version))
            if isinstance(known, _Seen):
                return known
            seen = cls._of(with_shapes(statements), pg_version)  # the lint gate's pass too
            statements.remember(("transactions", pg_version), seen)
            return seen
        return cls._of(statements, pg_version)

    @classmethod
    def _of(cls, statements: Iterable[Statement], pg_version: int) -> _Seen:
        seen = cls()
        for index, stmt in enumerate(statements):
            control = control_of(stmt)
            if control is not None:
                seen.controls.append((index, stmt, control))
                if control.kind not in _SAVEPOINT_KINDS:
                    continue
            if seen.add_value is None and adds_enum_value(stmt):
                seen.add_value = (index, stmt)
            need = _need(stmt, pg_version)
            if need is not None:
                where, kind = need
                kept = seen.outside if where == "outside" else seen.inside
                if len(kept) <= _KEPT:
                    kept.append((index, kind, stmt))
        return seen


def without(statements: Sequence[Statement], skip: frozenset[int]) -> Sequence[Statement]:
    """`statements` without those at the positions in `skip` (a streamed file's stay streamed)."""
    if isinstance(statements, StreamedStatements):
        return statements.without(skip)
    return tuple(s for i, s in enumerate(statements) if i not in skip)


def _wraps_whole_file(last: int, controls: list[_Found]) -> bool:
    if len(controls) < 2 or controls[0][0] != 0 or controls[-1][0] != last:
        return False
    begin, commit = controls[0][2], controls[-1][2]
    return (
        begin.plain
        and begin.kind in ("BEGIN", "START TRANSACTION")
        and commit.plain
        and commit.kind == "COMMIT"
    )


def _plain_blocks(controls: list[_Found]) -> bool:
    """Whether the file's transaction control is only plain BEGIN ... COMMIT pairs, one after the other."""
    if not controls or len(controls) % 2:
        return False
    for i, (_, _, control) in enumerate(controls):
        wanted = ("BEGIN", "START TRANSACTION") if i % 2 == 0 else ("COMMIT",)
        if not control.plain or control.kind not in wanted:
            return False
    return True


def _commits_new_value(seen: _Seen, controls: list[_Found]) -> bool:
    """Whether the file's COMMIT commits an ALTER TYPE ... ADD VALUE before the statements after it."""
    return seen.add_value is not None and seen.add_value[0] < controls[-1][0]


def needs_no_transaction(stmt: Statement, pg_version: int) -> str | None:
    """The kind of statement `stmt` is when PostgreSQL refuses it in a transaction block, else None.

    >>> needs_no_transaction(Statement("create index concurrently i on t (a)", 1), 16)
    'CREATE INDEX CONCURRENTLY'
    >>> needs_no_transaction(Statement("ALTER TYPE mood ADD VALUE 'meh'", 1), 11)
    'ALTER TYPE ADD VALUE'
    >>> needs_no_transaction(Statement("ALTER TYPE mood ADD VALUE 'meh'", 1), 12) is None
    True
    """
    words = stmt.sql[:20].split(None, 1)
    first = words[0].lower() if words else ""
    if first not in ("vacuum", "cluster", "reindex") and not (
        first in ("create", "drop", "alter") and _NO_TRANSACTION_HINT.search(stmt.sql)
    ):
        return None  # the parser is not needed to know
    try:
        raws = parsed(stmt.sql)
    except ParseError:
        return None
    for raw in raws:
        kind = _no_transaction_kind(raw.stmt, pg_version)
        if kind is not None:
            return kind
    return None


_ALWAYS = {
    ast.AlterSystemStmt: "ALTER SYSTEM",
    ast.CreatedbStmt: "CREATE DATABASE",
    ast.DropdbStmt: "DROP DATABASE",
    ast.CreateTableSpaceStmt: "CREATE TABLESPACE",
    ast.DropTableSpaceStmt: "DROP TABLESPACE",
}


def _no_transaction_kind(node: Any, pg_version: int) -> str | None:
    if type(node) in _ALWAYS:
        return _ALWAYS[type(node)]
    if isinstance(node, ast.IndexStmt) and node.concurrent:
        return "CREATE INDEX CONCURRENTLY"
    if isinstance(node, ast.DropStmt) and node.concurrent:
        return "DROP INDEX CONCURRENTLY"
    if isinstance(node, ast.ReindexStmt):
        if any(str(p.defname).lower() == "concurrently" for p in node.params or ()):
            return "REINDEX CONCURRENTLY"
        if node.kind in (ReindexObjectType.REINDEX_OBJECT_SYSTEM, ReindexObjectType.REINDEX_OBJECT_DATABASE):
            return (
                f"REINDEX {'SYSTEM' if node.kind == ReindexObjectType.REINDEX_OBJECT_SYSTEM else 'DATABASE'}"
            )
    if isinstance(node, ast.AlterTableStmt):
        for cmd in node.cmds or ():
            if isinstance(cmd.def_, ast.PartitionCmd) and cmd.def_.concurrent:
                return "DETACH PARTITION CONCURRENTLY"
    if isinstance(node, ast.VacuumStmt) and node.is_vacuumcmd:
        return "VACUUM"
    if isinstance(node, ast.ClusterStmt) and node.relation is None:
        return "CLUSTER"
    if isinstance(node, ast.AlterEnumStmt) and not node.oldVal and pg_version < 12:
        return "ALTER TYPE ADD VALUE"
    return None


def _need(stmt: Statement, pg_version: int) -> tuple[str, str] | None:
    """("outside", kind) for a statement that cannot run in a transaction, ("inside", kind) for one that
    needs one, None for SET/RESET and empty statements."""
    kind = needs_no_transaction(stmt, pg_version)
    if kind is not None:
        return "outside", kind
    words = stmt.sql[:200].split(None, 2)  # never a copy of a huge statement
    first = words[0].upper() if words else ""
    if first in ("SET", "RESET"):
        return None
    return "inside", " ".join(words[:2]).upper() if first in _TWO_WORDS else first or "a statement"


_TWO_WORDS = ("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE")


class TransactionRefused(MigrationFileError):
    """A script migwiz will not run as written: transaction control, or statements that cannot share a
    transaction with the others. `line` and `what` say where and why (the message is `file:line: what`)."""

    def __init__(self, script: Script, stmt: Statement, what: str, hint: str, *, control: bool) -> None:
        super().__init__(f"{script.path}:{stmt.line}: {what}", hint=hint)
        self.line = stmt.line
        self.what = what
        self.control = control
        """True for transaction control written in the file, False for a mix of statements."""


def _refuse(script: Script, stmt: Statement, what: str, hint: str, *, control: bool = True) -> NoReturn:
    raise TransactionRefused(script, stmt, what, hint, control=control)
