"""CREATE TABLE (PARTITION OF, INHERITS, LIKE), CREATE TABLE AS / MATERIALIZED VIEW, views, triggers,
policies, rules and functions: the relations they lock and what the schema learns from them."""

from __future__ import annotations

from typing import Any

from pglast import ast, parse_sql
from pglast.enums import ConstrType, ObjectType
from pglast.parser import ParseError

from migwiz.engine.analysis.constraints import column_names, key_index_name, remember_fk
from migwiz.engine.analysis.dml import stored_default
from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    ACCESS_SHARE,
    ROW_EXCLUSIVE,
    SHARE_ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    Context,
    Effect,
    Registry,
    column_constraints,
)
from migwiz.engine.analysis.inlining import inline_body, planned_volatility
from migwiz.engine.analysis.model import ColumnFacts
from migwiz.engine.analysis.partition import scan_default_partition
from migwiz.engine.analysis.schema import TableState
from migwiz.engine.analysis.sequence import column_sequences, like_columns
from migwiz.engine.analysis.sqlnodes import VOLATILE_BUILTINS, deparse, qualify_names, type_of, walk

registry = Registry()
"""The statement handlers of this module."""


@registry.handles(ast.CreateStmt)
def _create_table(node: Any, ctx: Context) -> Effect:
    relation = ctx.created(node.relation)
    effect = Effect("CREATE TABLE")
    state = TableState(relation, kind="p" if node.partspec is not None else "r", empty=True)
    if node.partspec is not None:
        state.partition_key = tuple(str(p.name) for p in node.partspec.partParams if p.name)
    if node.tablespacename and node.tablespacename != "pg_default":
        state.tablespace = str(node.tablespacename)
    state.unlogged = node.relation.relpersistence == "u"
    state.access_method = str(node.accessMethod) if node.accessMethod else None
    if node.partbound is not None and node.inhRelations:
        parent = ctx.name(node.inhRelations[0])
        effect.kind = "CREATE TABLE PARTITION OF"
        effect.lock(parent, ACCESS_EXCLUSIVE)
        parent_state = ctx.schema.table(parent)
        for fk in parent_state.foreign_keys if parent_state is not None else ():
            effect.lock(fk.referenced, SHARE_ROW_EXCLUSIVE)  # the parent's foreign keys are cloned
        state.parent = parent
        state.default_partition = bool(node.partbound.is_default)
        if not state.default_partition:
            scan_default_partition("CREATE TABLE PARTITION OF", relation, parent, effect, ctx)
    else:
        for parent_rv in node.inhRelations or ():
            effect.lock(ctx.name(parent_rv), SHARE_UPDATE_EXCLUSIVE)
        if node.inhRelations:
            state.parent = ctx.name(node.inhRelations[0])
    for parent_rv in node.inhRelations or ():  # partitions and children have their parents' columns
        parent_state = ctx.schema.table(ctx.name(parent_rv))
        if parent_state is not None:
            state.columns.update(parent_state.columns)
    fks: list[tuple[str, tuple[str, ...], Any]] = []
    for elt in node.tableElts or ():
        if isinstance(elt, ast.ColumnDef):
            constraints = column_constraints(elt)
            not_null = elt.is_not_null or any(
                c.contype in (ConstrType.CONSTR_NOTNULL, ConstrType.CONSTR_PRIMARY) for c in constraints
            )
            name, mods = type_of(elt.typeName)
            column = str(elt.colname)
            generated = next((c for c in constraints if c.contype == ConstrType.CONSTR_GENERATED), None)
            kind = str(generated.generated_kind) if generated is not None else ""
            identity, sequences = column_sequences(elt, relation, ctx)
            state.columns[column] = ColumnFacts(name, mods, bool(not_null), kind, identity, sequences)
            for c in constraints:
                if c.contype == ConstrType.CONSTR_DEFAULT:
                    stored_default(c.raw_expr, effect, ctx)
                if c.contype == ConstrType.CONSTR_FOREIGN:
                    fks.append((c.conname or f"{node.relation.relname}_{column}_fkey", (column,), c))
                elif c.contype in (ConstrType.CONSTR_PRIMARY, ConstrType.CONSTR_UNIQUE):
                    state.indexes[key_index_name(relation, c, (column,))] = (column,)
                elif c.contype == ConstrType.CONSTR_CHECK and not c.skip_validation:
                    state.checked_columns |= {column, *column_names(c.raw_expr)}
        elif isinstance(elt, ast.Constraint) and elt.contype == ConstrType.CONSTR_FOREIGN:
            cols = tuple(str(a.sval) for a in elt.fk_attrs or ())
            fks.append((elt.conname or f"{node.relation.relname}_fkey", cols, elt))
        elif isinstance(elt, ast.Constraint) and elt.contype == ConstrType.CONSTR_CHECK:
            if not elt.skip_validation:
                state.checked_columns |= column_names(elt.raw_expr)
        elif isinstance(elt, ast.Constraint) and elt.contype in (
            ConstrType.CONSTR_PRIMARY,
            ConstrType.CONSTR_UNIQUE,
        ):
            cols = tuple(str(k.sval) for k in elt.keys or ())
            state.indexes[key_index_name(relation, elt, cols)] = cols
        elif isinstance(elt, ast.TableLikeClause):
            source = ctx.name(elt.relation)
            effect.lock(source, ACCESS_SHARE)
            src = ctx.schema.table(source)
            if src is not None:
                state.columns.update(like_columns(src.columns, relation, elt.options or 0, ctx))
    ctx.schema.add_table(state)
    for parent_rv in (node.inhRelations or ())[1:] if node.partbound is None else ():
        other = ctx.schema.table(ctx.name(parent_rv))
        if other is not None:
            other.children.append(relation)
    for index, cols in state.indexes.items():
        ctx.schema.add_index(index, relation, cols)
    for name, cols, con in fks:
        referenced = ctx.name(con.pktable)
        if referenced != relation:
            effect.lock(referenced, SHARE_ROW_EXCLUSIVE)
            target = ctx.schema.table(referenced)
            for partition in ctx.schema.descendants(referenced) if target and target.kind == "p" else ():
                effect.lock(partition, SHARE_ROW_EXCLUSIVE)  # the key is checked on each partition
        remember_fk(ctx, relation, name, cols, con, True)
    return effect


@registry.handles(ast.CreateTableAsStmt)
def _create_table_as(node: Any, ctx: Context) -> Effect:
    relation = ctx.created(node.into.rel)
    matview = node.objtype == ObjectType.OBJECT_MATVIEW
    effect = Effect("CREATE MATERIALIZED VIEW" if matview else "CREATE TABLE AS")
    sources = ctx.reads(node.query)
    for source in sources:
        effect.lock(source, ACCESS_SHARE)
    state = TableState(relation, kind="m" if matview else "r", sources=tuple(sources))
    state.populated = not node.into.skipData
    state.columns = _output_columns(node.query, sources, ctx)
    if matview:
        state.used_columns = used_columns(node.query, sources, ctx)
        state.definition = deparse(node.query)
    ctx.schema.add_table(state)
    return effect


def _output_columns(query: Any, sources: list[str], ctx: Context) -> dict[str, ColumnFacts]:
    """The columns of a query's result that are plain columns (or `*`) of the relations it reads."""
    known = [ctx.schema.table(s) for s in sources]
    source_columns = [t.columns for t in known if t is not None]
    out: dict[str, ColumnFacts] = {}
    if not isinstance(query, ast.SelectStmt):
        return out
    for target in query.targetList or ():
        fields = target.val.fields if isinstance(target.val, ast.ColumnRef) else ()
        if fields and isinstance(fields[-1], ast.A_Star):
            for columns in source_columns:
                out.update(columns)
        elif fields and isinstance(fields[-1], ast.String):
            column = str(fields[-1].sval)
            facts = next((c[column] for c in source_columns if column in c), None)
            if facts is not None:
                out[str(target.name or column)] = ColumnFacts(facts.type_name, facts.type_mods)
    return out


@registry.handles(ast.ViewStmt)
def _create_view(node: Any, ctx: Context) -> Effect:
    relation = ctx.created(node.view)
    effect = Effect("CREATE OR REPLACE VIEW" if node.replace else "CREATE VIEW")
    sources = ctx.reads(node.query)
    for source in sources:
        effect.lock(source, ACCESS_SHARE)
    existing = ctx.schema.table(relation)
    if node.replace and existing is not None and not ctx.is_new(relation):
        effect.lock(relation, ACCESS_EXCLUSIVE)
    elif node.replace and existing is None and not ctx.schema.from_catalog:
        effect.lock(relation, ACCESS_EXCLUSIVE)  # may exist: OR REPLACE of an existing view
    used = used_columns(node.query, sources, ctx)
    definition = deparse(node.query)
    if existing is None:
        view = TableState(
            relation, kind="v", sources=tuple(sources), used_columns=used, definition=definition
        )
        ctx.schema.add_table(view)
    else:
        existing.sources, existing.used_columns, existing.definition = tuple(sources), used, definition
    return effect


def used_columns(query: Any, sources: list[str], ctx: Context) -> dict[str, set[str]]:
    """The columns of each source that a view's query names (all of them for `*`), as far as known."""
    out: dict[str, set[str]] = {}
    for node in walk(query):
        fields = node.fields if isinstance(node, ast.ColumnRef) else ()
        if not fields:
            continue
        for source in sources:
            state = ctx.schema.table(source)
            if state is None:
                continue
            if isinstance(fields[-1], ast.A_Star):
                out.setdefault(source, set()).update(state.columns)
            elif isinstance(fields[-1], ast.String) and str(fields[-1].sval) in state.columns:
                out.setdefault(source, set()).add(str(fields[-1].sval))
    return out


@registry.handles(ast.CreateTrigStmt)
def _create_trigger(node: Any, ctx: Context) -> Effect:
    effect = Effect("CREATE TRIGGER")
    relation = ctx.name(node.relation)
    effect.lock(relation, SHARE_ROW_EXCLUSIVE)
    state = ctx.schema.table(relation)
    function = qualify_names(node.funcname, ctx.default_schema)
    if state is not None:
        state.triggers.add(str(node.trigname))
        state.trigger_functions[str(node.trigname)] = function
    if node.row and state is not None and state.kind == "p":  # cloned on every partition
        for partition in ctx.schema.descendants(relation):
            effect.lock(partition, SHARE_ROW_EXCLUSIVE)
            clone = ctx.schema.table(partition)
            if clone is not None:
                clone.triggers.add(str(node.trigname))  # the clone has the parent trigger's name
                clone.trigger_functions[str(node.trigname)] = function
    return effect


@registry.handles(ast.CreatePolicyStmt, ast.AlterPolicyStmt)
def _policy(node: Any, ctx: Context) -> Effect:
    effect = Effect("CREATE POLICY" if isinstance(node, ast.CreatePolicyStmt) else "ALTER POLICY")
    effect.lock(ctx.name(node.table), ACCESS_EXCLUSIVE)
    state = ctx.schema.table(ctx.name(node.table))
    if state is not None:
        state.policies.add(str(node.policy_name))
    return effect


@registry.handles(ast.RuleStmt)
def _rule(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.relation)
    effect = Effect("CREATE OR REPLACE RULE" if node.replace else "CREATE RULE")
    effect.lock(relation, ACCESS_EXCLUSIVE)
    parts = [node.whereClause, *(node.actions or ())]
    sources = list(dict.fromkeys([relation, *ctx.reads(parts)]))
    targets = {ctx.name(a.relation): a for a in node.actions or () if isinstance(a, _WRITES)}
    for source in sources:
        if source != relation:  # the actions are parsed: their targets opened to write, the rest to read
            effect.lock(source, ROW_EXCLUSIVE if source in targets else ACCESS_SHARE)
    used = used_columns(parts, sources, ctx)
    for target, action in targets.items():
        used.setdefault(target, set()).update(_written_columns(action, ctx.schema.table(target)))
    state = ctx.schema.table(relation)
    if state is not None:  # NEW.col / OLD.col are columns of the rule's relation
        state.rules[str(node.rulename)] = used
    return effect


_WRITES = (ast.InsertStmt, ast.UpdateStmt, ast.DeleteStmt)


def _written_columns(action: Any, target: TableState | None) -> set[str]:
    """The columns of its target an INSERT or UPDATE in a rule writes (the rule depends on them)."""
    if isinstance(action, ast.UpdateStmt):
        return {str(t.name) for t in action.targetList or () if t.name}
    if not isinstance(action, ast.InsertStmt):
        return set()
    if action.cols:
        return {str(c.name) for c in action.cols}
    query = action.selectStmt
    width = 0
    if isinstance(query, ast.SelectStmt):
        width = len(query.valuesLists[0]) if query.valuesLists else len(query.targetList or ())
    return set(list(target.columns)[:width]) if target is not None else set()


def _inlinable_body(node: Any, options: dict[str, Any]) -> Any | None:
    """The expression a SQL function's body is, when the planner may inline it (see `inlining`)."""
    language = options.get("language")
    if not isinstance(language, ast.String) or str(language.sval).lower() != "sql" or node.is_procedure:
        return None
    definer = isinstance(options.get("security"), ast.Boolean) and bool(options["security"].boolval)
    if definer or "set" in options or (node.returnType is not None and node.returnType.setof):
        return None
    if isinstance(node.sql_body, ast.ReturnStmt):
        return node.sql_body.returnval
    source = options.get("as")
    if isinstance(source, (list, tuple)) and len(source) == 1 and isinstance(source[0], ast.String):
        return inline_body(str(source[0].sval))
    return None


@registry.handles(ast.CreateFunctionStmt)
def _create_function(node: Any, ctx: Context) -> Effect:
    volatility = "v"
    options = {str(opt.defname): opt.arg for opt in node.options or ()}
    if isinstance(options.get("volatility"), ast.String):
        volatility = str(options["volatility"].sval)[0]
    known = ctx.schema.function_volatility
    ctx.schema.function_volatility[str(node.funcname[-1].sval).lower()] = planned_volatility(
        volatility, _inlinable_body(node, options), known, VOLATILE_BUILTINS
    )
    effect = Effect("CREATE PROCEDURE" if node.is_procedure else "CREATE FUNCTION")
    for relation in _body_relations(node, options, ctx):  # a SQL body is analysed: what it reads is opened
        effect.lock(relation, ACCESS_SHARE)
    return effect


def _body_relations(node: Any, options: dict[str, Any], ctx: Context) -> list[str]:
    """The existing relations a SQL function's body reads (PostgreSQL checks the body when it is created)."""
    language = options.get("language")
    if not isinstance(language, ast.String) or str(language.sval).lower() != "sql":
        return []
    body: Any = node.sql_body
    source = options.get("as")
    if body is None and isinstance(source, (list, tuple)) and len(source) == 1:
        try:
            body = parse_sql(str(getattr(source[0], "sval", "")))
        except ParseError:
            return []
    if body is None:
        return []
    return [r for r in ctx.reads(body) if ctx.schema.table(r) is not None]
