-- analysis: user domains with the domain they are based on, the base type's name, NOT NULL and their
-- constraints (one row each).
SELECT n.nspname || '.' || t.typname AS name,
       CASE WHEN b.typtype = 'd' THEN bn.nspname || '.' || b.typname END AS base,
       t.typnotnull AS not_null,
       b.typname::text AS base_type,
       ARRAY(SELECT c.conname::text FROM pg_catalog.pg_constraint c
              WHERE c.contypid = t.oid ORDER BY c.conname) AS constraint_names,
       ARRAY(SELECT c.convalidated FROM pg_catalog.pg_constraint c
              WHERE c.contypid = t.oid ORDER BY c.conname) AS constraint_validated
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype
JOIN pg_catalog.pg_namespace bn ON bn.oid = b.typnamespace
WHERE t.typtype = 'd'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1
