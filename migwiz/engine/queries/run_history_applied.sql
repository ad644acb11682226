-- runner: a no-transaction migration completed
UPDATE {history} SET success = true, duration_ms = %s, applied_at = clock_timestamp(), run_id = %s
WHERE version = %s
