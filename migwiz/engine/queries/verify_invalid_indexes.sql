-- Indexes PostgreSQL will not use: INVALID (a failed or interrupted CREATE INDEX CONCURRENTLY / REINDEX).
SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname) AS index_name,
       i.indrelid::regclass::text AS table_name,
       pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = ic.relnamespace
WHERE NOT i.indisvalid
  AND n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
ORDER BY 1
