"""lint on statements of public migration sets, in their set's context: no false alarm, and the true
positives beside them stay."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine.analysis import lint_migration_set
from migwiz.engine.sets import load_migration_set

# conductor-oss/conductor postgres-persistence/src/main/resources/db/migration_postgres (Apache-2.0)
CONDUCTOR_V8 = """\
CREATE TABLE workflow_index (workflow_id VARCHAR(255) NOT NULL, json_data JSONB NOT NULL);
CREATE TABLE task_index (task_id VARCHAR(255) NOT NULL, json_data JSONB NOT NULL);
CREATE INDEX workflow_index_json_data_text_idx ON workflow_index (json_data);
CREATE INDEX task_index_json_data_json_idx ON task_index (json_data);
CREATE INDEX task_index_json_data_text_idx ON task_index (json_data);
"""
CONDUCTOR_V9 = """\
-- Drop the unused text index on the json_data column
DROP INDEX CONCURRENTLY IF EXISTS workflow_index_json_data_text_idx;
-- Create a new index to enable querying the json by attribute and value
CREATE INDEX CONCURRENTLY IF NOT EXISTS workflow_index_json_data_gin_idx ON workflow_index USING GIN (json_data jsonb_path_ops);

-- Drop the incorrectly created indices on the workflow_index that should be on the task_index table
DROP INDEX CONCURRENTLY IF EXISTS task_index_json_data_json_idx;
DROP INDEX CONCURRENTLY IF EXISTS task_index_json_data_text_idx;
-- Create the full text index on the json_data column of the task_index table
CREATE INDEX CONCURRENTLY IF NOT EXISTS task_index_json_data_fulltext_idx ON task_index USING GIN (jsonb_to_tsvector('english', json_data, '["all"]'));
-- Create a new index to enable querying the json by attribute and value
CREATE INDEX CONCURRENTLY IF NOT EXISTS task_index_json_data_gin_idx ON task_index USING GIN (json_data jsonb_path_ops);
"""  # noqa: E501


def _rules(folder: Path, name: str) -> list[tuple[int, str]]:
    report = lint_migration_set(load_migration_set(folder), pg_version=18)
    [script] = [f for f in report.files if f.path.name == name]
    return [(s.statement.line, f.rule) for s in script.statements for f in s.findings]


def test_file_of_concurrent_statements_only_is_not_mixed(tmp_path: Path) -> None:
    (tmp_path / "V8__indexing.sql").write_text(CONDUCTOR_V8)
    (tmp_path / "V9__indexing_index_fix.sql").write_text(CONDUCTOR_V9)
    rules = _rules(tmp_path, "V9__indexing_index_fix.sql")
    assert "mixed-non-transactional" not in {rule for _, rule in rules}
    assert "concurrently-in-transaction" not in {rule for _, rule in rules}
    # with a transactional statement among them (run in autocommit all the same), a failure after one
    # of them leaves the file half applied
    (tmp_path / "V9__indexing_index_fix.sql").write_text(
        "-- migwiz:no-transaction\n" + CONDUCTOR_V9 + "ALTER TABLE task_index ADD COLUMN note text;\n"
    )
    mixed = [
        line
        for line, rule in _rules(tmp_path, "V9__indexing_index_fix.sql")
        if rule == "mixed-non-transactional"
    ]
    assert mixed == [3, 5, 8, 9, 11, 13]


MARQUEZ = Path(__file__).parents[1] / "realworld" / "sets" / "marquez" / "migrations"


def test_type_change_after_drop_view_cascade_in_marquez() -> None:
    """V73 drops jobs_view with CASCADE (runs_view, which reads it, goes too) before changing the type of
    runs.created_at: the change succeeds, and rewrites."""
    report = lint_migration_set(load_migration_set(MARQUEZ), pg_version=18)
    [v73] = [f for f in report.files if f.path.name.startswith("V73__")]
    rules = {(s.statement.line, f.rule) for s in v73.statements for f in s.findings}
    assert not {rule for _, rule in rules} & {"type-change-under-view", "drop-has-dependents"}
    assert (41, "column-type-rewrite") in rules  # ALTER TABLE runs ALTER COLUMN created_at TYPE TIMESTAMPTZ


# triggerdotdev/trigger.dev internal-packages/database/prisma/migrations (Apache-2.0): Prisma's enum swap
ENUM_SWAP = """\
BEGIN;
CREATE TYPE "WorkflowRunStepType_new" AS ENUM ('OUTPUT', 'LOG_MESSAGE', 'KV_GET');
ALTER TABLE "WorkflowRunStep" ALTER COLUMN "type" TYPE "WorkflowRunStepType_new" USING ("type"::text::"WorkflowRunStepType_new");
ALTER TYPE "WorkflowRunStepType" RENAME TO "WorkflowRunStepType_old";
ALTER TYPE "WorkflowRunStepType_new" RENAME TO "WorkflowRunStepType";
DROP TYPE "WorkflowRunStepType_old";
COMMIT;
"""  # noqa: E501


def test_renamed_types_and_key_constraints_keep_their_columns_and_indexes(tmp_path: Path) -> None:
    first = tmp_path / "20230101000000_init"
    first.mkdir()
    (first / "migration.sql").write_text(
        """CREATE TYPE "WorkflowRunStepType" AS ENUM ('OUTPUT', 'LOG_MESSAGE');\n"""
        'CREATE TABLE "WorkflowRunStep" (id text, "type" "WorkflowRunStepType" NOT NULL,'
        ' CONSTRAINT "WorkflowRunStep_pkey" PRIMARY KEY (id));\n'
    )
    for n in (2, 3):  # the same swap twice: the column's type is the renamed one each time
        (tmp_path / f"2023010{n}000000_swap").mkdir()
        (tmp_path / f"2023010{n}000000_swap" / "migration.sql").write_text(ENUM_SWAP)
    rename = tmp_path / "20230104000000_rename_key"
    rename.mkdir()
    (rename / "migration.sql").write_text(
        'ALTER TABLE "WorkflowRunStep" RENAME CONSTRAINT "WorkflowRunStep_pkey" TO "step_pkey";\n'
        'DROP INDEX IF EXISTS "WorkflowRunStep_pkey";\nDROP INDEX IF EXISTS "step_pkey";\n'
    )
    report = lint_migration_set(load_migration_set(tmp_path), pg_version=18)
    [swap] = [f for f in report.files if "20230103" in str(f.path)]
    [rewrite] = [f for s in swap.statements for f in s.findings if f.rule == "column-type-rewrite"]
    assert "(workflowrunsteptype -> workflowrunsteptype_new)" in rewrite.message
    [renamed] = [f for f in report.files if "20230104" in str(f.path)]
    drops = {s.statement.line: {f.rule for f in s.findings} for s in renamed.statements}
    assert "drop-index-not-concurrent" not in drops[2]  # the index took the constraint's new name
    assert "drop-index-not-concurrent" in drops[3]
