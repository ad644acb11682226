BEGIN;
DROP INDEX IF EXISTS entries_uncommitted_branch_min_commit;
COMMIT;
