-- runner: INVALID indexes outside the system schemas, with their table and definition, to match the leftovers
-- of an interrupted concurrent build (run without parameters: % is literal).
SELECT i.indexrelid::bigint, n.nspname, c.relname, t.oid::bigint, pg_catalog.pg_get_indexdef(i.indexrelid)
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
