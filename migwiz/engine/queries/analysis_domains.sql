-- analysis: domains with CHECK or NOT NULL constraints (adding a column of such a type rewrites).
SELECT DISTINCT t.typname AS name
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd'
  AND (t.typnotnull OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1
