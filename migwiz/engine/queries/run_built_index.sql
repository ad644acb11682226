-- runner: (oid, valid) of the index a CREATE INDEX CONCURRENTLY names, on the table it names
SELECT c.oid::bigint, i.indisvalid
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
WHERE c.relname = %s
  AND c.relnamespace = (SELECT t.relnamespace FROM pg_catalog.pg_class t WHERE t.oid = pg_catalog.to_regclass(%s))
