-- runner: INVALID indexes outside the system schemas (left by a failed CREATE/REINDEX ... CONCURRENTLY) (run without parameters: % is literal)
SELECT i.indexrelid::bigint, pg_catalog.format('%I.%I', n.nspname, c.relname)
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid AND c.relkind = 'i' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
