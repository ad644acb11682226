-- runner: a backfill migration completed (its one statement, run in batches)
UPDATE {history} SET success = true, statements_done = 1, statement_running = NULL, duration_ms = %s,
       applied_at = clock_timestamp(), run_id = %s
WHERE version = %s
