BEGIN;

DROP TABLE IF EXISTS actions_runs;
DROP TABLE IF EXISTS actions_run_hooks;

COMMIT;
