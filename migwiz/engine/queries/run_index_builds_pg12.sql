-- runner: indexes other sessions are building right now (CREATE / REINDEX ... CONCURRENTLY: INVALID until done)
SELECT index_relid::bigint
FROM pg_catalog.pg_stat_progress_create_index
WHERE pid <> pg_catalog.pg_backend_pid() AND index_relid <> 0
