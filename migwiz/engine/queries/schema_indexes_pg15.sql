-- Indexes that no constraint owns (PostgreSQL 15+: NULLS NOT DISTINCT).
SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname) AS name,
       i.indrelid::regclass::text AS table_name,
       am.amname AS method,
       i.indisunique AS is_unique,
       i.indnullsnotdistinct AS nulls_not_distinct,
       pg_get_indexdef(i.indexrelid) AS definition,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       ARRAY(SELECT o FROM unnest(ic.reloptions) o ORDER BY o) AS options,
       i.indisvalid AS valid,
       (SELECT h.inhparent::regclass::text FROM pg_inherits h WHERE h.inhrelid = ic.oid) AS partition_of,
       i.indexprs IS NOT NULL AS expression,
       obj_description(ic.oid, 'pg_class') AS comment
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = ic.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = i.indrelid AND e.deptype = 'e')
