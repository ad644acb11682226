-- runner: a migration's history row (applied in its transaction, or "running" before a no-transaction or
-- backfill migration starts)
INSERT INTO {history} (version, name, checksum, os_user, host, duration_ms, run_id, success, statements_done, phase)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
