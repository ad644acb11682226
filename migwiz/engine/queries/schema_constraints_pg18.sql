-- Table constraints (PostgreSQL 18+: NOT ENFORCED; NOT NULL rows are read with the columns).
-- Constraints cloned to partitions, or inherited without a local definition, are represented by the parent's.
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_name,
       quote_ident(con.conname) AS constraint_name,
       con.contype AS contype,
       pg_get_constraintdef(con.oid) AS definition,
       con.convalidated OR NOT con.conenforced AS validated,  -- NOT ENFORCED implies NOT VALID
       con.condeferrable AS deferrable,
       con.condeferred AS deferred,
       con.conenforced AS enforced,
       con.confmatchtype AS match,
       obj_description(con.oid, 'pg_constraint') AS comment
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
  AND con.conparentid = 0
  AND con.conislocal
  AND NOT (c.relispartition AND con.coninhcount > 0)
  AND n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
