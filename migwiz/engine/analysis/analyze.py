"""Walk statements in order: parse, take their effects, accumulate locks per transaction, apply rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    NO_TX_DIRECTIVE,
    Context,
    Effect,
    blocking_locks,
    strongest,
)
from migwiz.engine.analysis.locks import effect_of
from migwiz.engine.analysis.model import (
    CatalogFacts,
    Finding,
    LockOn,
    StatementAnalysis,
    blocks_of,
    lock_rank,
    stronger,
)
from migwiz.engine.analysis.own_schema_rule import own_schema_hits
from migwiz.engine.analysis.rules import finding
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.analysis.sqlnodes import string_const, walk
from migwiz.engine.analysis.version_syntax import version_hits
from migwiz.engine.sets.directives import ignores_by_statement
from migwiz.engine.sets.model import Directives, Ignore, Script, Statement
from migwiz.engine.sets.parsing import ParseError, parsed
from migwiz.engine.sets.streamed import StreamedStatements, one_per_shape

STRONG_RANK = lock_rank("ShareLock")
"""From ShareLock up a lock blocks writes: holding two of them in one transaction queues sessions."""


@dataclass
class ScriptOptions:
    """How a list of statements is run: in one transaction or not, with which directives."""

    in_transaction: bool = True
    directives: Directives = field(default_factory=Directives)
    ignores: tuple[Ignore, ...] = ()
    is_down: bool = False


def analyze_statements(
    statements: Sequence[Statement],
    *,
    pg_version: int,
    in_transaction: bool = True,
    catalog: CatalogFacts | None = None,
    default_schema: str = "public",
) -> tuple[StatementAnalysis, ...]:
    """Analyse statements run in order (in one transaction unless `in_transaction` is False)."""
    options = ScriptOptions(in_transaction=in_transaction)
    return walk_statements(statements, pg_version, Schema.of(catalog), options, default_schema)


def analyze_script(
    script: Script, *, pg_version: int, catalog: CatalogFacts | None = None
) -> tuple[StatementAnalysis, ...]:
    """Analyse one script with its directives (transaction, lock_timeout, phase) and inline ignores."""
    return walk_statements(script.statements, pg_version, Schema.of(catalog), options_of(script))


def options_of(script: Script, *, is_down: bool = False) -> ScriptOptions:
    """The run options a script's directives ask for."""
    return ScriptOptions(script.directives.transaction, script.directives, script.ignores, is_down)


def walk_statements(
    statements: Sequence[Statement],
    pg_version: int,
    schema: Schema,
    options: ScriptOptions,
    default_schema: str = "public",
) -> tuple[StatementAnalysis, ...]:
    """The analysis core: `schema` is updated in place as statements create and alter relations.

    A big file's statements (streamed) are analysed one per shape (`sets.streamed.one_per_shape`)."""
    if isinstance(statements, StreamedStatements):
        statements = tuple(one_per_shape(statements, (i.line for i in options.ignores)))
    schema.created_in_script = set()
    schema.timezone_utc = schema.server_timezone_utc  # each script starts with the server's TimeZone
    session = schema.session_search_path  # ... and the search_path the run's session has now
    schema.search_path = schema.server_search_path if session is None else session
    held: dict[str, str] = {}
    timeout_set = options.directives.lock_timeout_ms not in (None, 0)
    out: list[StatementAnalysis] = []
    effects: list[Effect | None] = []
    for stmt in statements:
        effect, error = _effect(stmt, pg_version, schema, default_schema)
        effects.append(effect)
        if effect is None:
            out.append(_unparsable(stmt, error or "syntax error"))
            continue
        for old, new in effect.renamed.items():
            if old in held:
                held[new] = held.pop(old)
        blocking = blocking_locks(effect)
        findings = _statement_findings(stmt, effect, blocking, held, timeout_set, options, schema)
        if options.in_transaction:
            for relation, mode in effect.locks.items():
                held[relation] = stronger(held.get(relation, mode), mode)
            locks = dict(held)
        else:
            locks = dict(effect.locks)
        if effect.ends_transaction:
            held.clear()
        timeout_set = timeout_set or effect.sets_lock_timeout
        out.append(
            StatementAnalysis(
                statement=stmt,
                locks=_lock_tuple(locks),
                own_locks=_lock_tuple(effect.locks),
                rewrites=tuple(effect.rewrites),
                index_rebuilds=tuple(sorted(effect.rebuilds)),
                scans=tuple(effect.scans),
                needs_no_transaction=effect.no_transaction,
                blocks=blocks_of(strongest(blocking)),
                kind=effect.kind,
                findings=tuple(findings),
            )
        )
    _script_findings(out, effects, options)
    return tuple(_apply_ignores(out, options.ignores))


def _effect(
    stmt: Statement, pg_version: int, schema: Schema, default_schema: str
) -> tuple[Effect | None, str | None]:
    try:
        raws = parsed(stmt.sql)
    except ParseError as exc:
        located = len(exc.args) > 1 and isinstance(exc.args[1], int)
        offset = exc.args[1] if located else len(stmt.sql)  # no location: at end of input
        before = stmt.sql[:offset]
        newlines = before.count("\n")
        column = len(before) - before.rfind("\n") if newlines else stmt.column + len(before)
        where = f"line {stmt.line + newlines}, column {column}"
        return None, f"{where}: {exc.args[0] if exc.args else exc}"
    if not raws:
        return Effect("empty"), None
    merged: Effect | None = None
    for raw in raws:
        if len(raws) == 1:
            sql = stmt.sql
        else:
            start = raw.stmt_location or 0
            end = start + raw.stmt_len if raw.stmt_len else len(stmt.sql)
            sql = stmt.sql[start:end]
        schema.next_statement()
        first = schema.search_path[0] if schema.search_path else default_schema
        effect = effect_of(raw.stmt, Context(pg_version, first, schema, sql))
        effect.hits.extend(version_hits(raw.stmt, pg_version, sql))
        effect.hits.extend(own_schema_hits(raw.stmt, sql))
        _with_index_rewrites(effect, schema)
        merged = effect if merged is None else _merge(merged, effect)
    return merged, None


def _with_index_rewrites(effect: Effect, schema: Schema) -> None:
    """A table given a new data file has every index rebuilt: name them, as the trace sees them (except
    after SET TABLESPACE, which copies the table alone)."""
    for relation in list(effect.rewrites):
        state = schema.table(relation)
        if relation not in effect.moved and (state is None or state.kind in ("r", "m")):
            for index in schema.indexes_of(relation):
                if index not in schema.new_indexes:
                    effect.rebuild(index)


def _merge(a: Effect, b: Effect) -> Effect:
    for relation, mode in b.locks.items():
        a.lock(relation, mode)
    for r in b.rewrites:
        a.rewrite(r)
    for s in b.scans:
        a.scan(s)
    for i in b.rebuilds:
        a.rebuild(i)
    a.kind = f"{a.kind}; {b.kind}"
    a.no_transaction = a.no_transaction or b.no_transaction
    a.hits.extend(b.hits)
    a.renamed.update(b.renamed)
    a.unknown = a.unknown or b.unknown
    a.sets_lock_timeout = a.sets_lock_timeout or b.sets_lock_timeout
    a.ends_transaction = a.ends_transaction or b.ends_transaction
    a.destroys.extend(b.destroys)
    a.dead |= b.dead
    a.covered |= b.covered
    a.moved |= b.moved
    return a


def _unparsable(stmt: Statement, error: str) -> StatementAnalysis:
    return StatementAnalysis(
        statement=stmt,
        locks=(),
        own_locks=(),
        rewrites=(),
        index_rebuilds=(),
        scans=(),
        needs_no_transaction=False,
        blocks="nothing",
        kind="unparsable",
        findings=(finding("parse-error", f"the statement does not parse: {error}", None, stmt.line),),
        parse_error=error,
    )


def _lock_tuple(locks: dict[str, str]) -> tuple[LockOn, ...]:
    out = []
    for key in sorted(locks.items()):
        lock = _LOCKS.get(key)
        if lock is None:
            if len(_LOCKS) >= 65536:  # a long-lived process linting many sets: start afresh
                _LOCKS.clear()
            lock = _LOCKS[key] = LockOn(*key)
        out.append(lock)
    return tuple(out)


_LOCKS: dict[tuple[str, str], LockOn] = {}
"""Each (relation, mode) as one frozen LockOn, shared by every statement that holds it (a set's statements
hold the same few locks again and again)."""


def _statement_findings(
    stmt: Statement,
    effect: Effect,
    blocking: dict[str, str],
    held: dict[str, str],
    timeout_set: bool,
    options: ScriptOptions,
    schema: Schema,
) -> list[Finding]:
    phase = options.directives.phase
    backfill = options.directives.backfill or phase == "backfill"
    out: list[Finding] = []
    for hit in effect.hits:
        if hit.rule == "drop-outside-contract" and (phase == "contract" or options.is_down):
            continue
        if hit.rule == "unbatched-update" and backfill:
            continue
        out.append(finding(hit.rule, hit.message, hit.fix, stmt.line, hit.severity))
    if options.is_down:
        for target in effect.destroys:
            out.append(
                finding(
                    "destructive-down",
                    f"the down script destroys the data of {target}",
                    "-- make the down restore what the up changed without losing rows, or state in "
                    "the migration that it is irreversible",
                    stmt.line,
                )
            )
    if effect.unknown:
        out.append(
            finding(
                "unknown-statement",
                f"migwiz does not model {effect.kind} statements: locks not reported",
                None,
                stmt.line,
            )
        )
    if effect.no_transaction and options.in_transaction:
        out.append(
            finding(
                "concurrently-in-transaction",
                f"{effect.kind} cannot run inside a transaction block: this migration will fail",
                f"{NO_TX_DIRECTIVE}\n-- put the statement in a migration of its own",
                stmt.line,
            )
        )
    existing = {r: m for r, m in blocking.items() if not schema.is_new(r)}
    if not timeout_set:
        for relation, mode in existing.items():
            if mode == ACCESS_EXCLUSIVE:
                out.append(
                    finding(
                        "missing-lock-timeout",
                        f"AccessExclusiveLock on {relation} with no lock_timeout in the script (migwiz "
                        f"applies its default lock_timeout when it runs the migration)",
                        "-- migwiz:lock-timeout=2s",
                        stmt.line,
                    )
                )
                break
    if options.in_transaction:
        out.extend(_scans_under_held_locks(stmt, effect, held, schema))
        # a lock the transaction already holds (as strong or stronger) is not waited for again
        strong_new = [
            r
            for r, m in existing.items()
            if lock_rank(m) >= STRONG_RANK and (r not in held or lock_rank(held[r]) < lock_rank(m))
        ]
        strong_held = [
            r
            for r, m in held.items()
            if lock_rank(m) >= STRONG_RANK and r not in strong_new and not schema.is_new(r)
        ]
        if strong_new and strong_held:
            out.append(
                finding(
                    "multiple-strong-locks",
                    f"waits for {existing[strong_new[0]]} on {strong_new[0]} while already holding "
                    f"{held[strong_held[0]]} on {strong_held[0]}: sessions queue behind both",
                    "-- split the statements into separate migrations (one strong lock per transaction)",
                    stmt.line,
                )
            )
    return out


def _scans_under_held_locks(
    stmt: Statement, effect: Effect, held: dict[str, str], schema: Schema
) -> list[Finding]:
    """A scan designed to run under a weak lock (VALIDATE CONSTRAINT) that runs under a strong lock the
    transaction took earlier: the NOT VALID / VALIDATE split no longer protects anyone."""
    out: list[Finding] = []
    for relation in effect.scans:
        own = effect.locks.get(relation)
        before = held.get(relation)
        if own is None or before is None or schema.is_new(relation):
            continue
        if lock_rank(own) < STRONG_RANK <= lock_rank(before):
            out.append(
                finding(
                    "validate-in-same-transaction",
                    f"{effect.kind} scans {relation} while this transaction already holds {before} on it: "
                    f"{blocks_text(before)} wait for the whole validation",
                    f"-- end the transaction before this statement: move it (and what follows) to the next "
                    f"migration\n{stmt.sql.strip().rstrip(';')};",
                    stmt.line,
                )
            )
    return out


def blocks_text(mode: str) -> str:
    """Who waits while `mode` is held, in words."""
    return "reads and writes" if blocks_of(mode) == "reads_and_writes" else "writes"


def _script_findings(
    out: list[StatementAnalysis], effects: list[Effect | None], options: ScriptOptions
) -> None:
    """Findings that need the whole script: non-transactional mixes, enum values used later."""
    meaningful = [
        i for i, e in enumerate(effects) if e is not None and not e.kind.startswith(("SET", "empty"))
    ]
    # a script of non-transactional statements only (say, CREATE INDEX CONCURRENTLY each) mixes nothing
    mixed = any(not e.no_transaction for i, e in enumerate(effects) if e is not None and i in meaningful)
    for i, effect in enumerate(effects):
        if effect is None:
            continue
        extra: list[Finding] = []
        line = out[i].statement.line
        if effect.no_transaction and not options.in_transaction and mixed:
            extra.append(
                finding(
                    "mixed-non-transactional",
                    f"{effect.kind} runs in autocommit beside {len(meaningful) - 1} other statement(s): a "
                    f"failure leaves the migration half-applied",
                    "-- move it to a migration of its own (with -- migwiz:no-transaction)",
                    line,
                )
            )
        if effect.kind == "ALTER TYPE ADD VALUE" and options.in_transaction and i < len(effects) - 1:
            users = _enum_value_users(out, effects, i)
            if not users:
                extra.append(
                    finding(
                        "enum-value-in-transaction",
                        "the new enum value cannot be used until this transaction commits (PostgreSQL 12+)",
                        "-- use the new value in a later migration",
                        line,
                    )
                )
            for j, value in users:
                used = out[j].statement
                out[j] = _with_findings(
                    out[j],
                    [
                        finding(
                            "enum-value-used-in-transaction",
                            f"uses the enum value '{value}' added at line {line} in the same transaction: "
                            f"PostgreSQL refuses it (unsafe use of new value) and the migration fails",
                            f"-- move this statement to a later migration (the value is usable once the "
                            f"ADD VALUE has committed)\n{used.sql.strip().rstrip(';')};",
                            used.line,
                        )
                    ],
                )
        if extra:
            out[i] = _with_findings(out[i], extra)


def _enum_value_users(
    out: list[StatementAnalysis], effects: list[Effect | None], index: int
) -> list[tuple[int, str]]:
    """Later statements of the same transaction that spell the value added by ALTER TYPE ADD VALUE."""
    try:
        added = parsed(out[index].statement.sql)[0].stmt
    except ParseError:
        return []
    value = getattr(added, "newVal", None)
    if not value or getattr(added, "oldVal", None):  # RENAME VALUE needs no commit
        return []
    users: list[tuple[int, str]] = []
    for j in range(index + 1, len(out)):
        effect = effects[j]
        if effect is None:
            continue
        if effect.ends_transaction:
            break
        try:
            trees = parsed(out[j].statement.sql)
        except ParseError:
            continue
        if any(string_const(node) == value for node in walk(trees)):
            users.append((j, str(value)))
    return users


def _with_findings(analysis: StatementAnalysis, extra: list[Finding]) -> StatementAnalysis:
    return replace(analysis, findings=analysis.findings + tuple(extra))


def _apply_ignores(out: list[StatementAnalysis], ignores: tuple[Ignore, ...]) -> list[StatementAnalysis]:
    """Drop findings suppressed by `-- migwiz:ignore <rule> <reason>` (it applies to the next statement)."""
    if not ignores:
        return out
    per_statement = ignores_by_statement(tuple(a.statement for a in out), ignores)
    result = []
    for analysis, applying in zip(out, per_statement, strict=True):
        rules = {i.rule for i in applying if i.reason.strip()}
        if rules:
            analysis = replace(analysis, findings=tuple(f for f in analysis.findings if f.rule not in rules))
        result.append(analysis)
    return result
