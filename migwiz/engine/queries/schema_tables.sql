-- Ordinary and partitioned tables.
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
       c.relpersistence = 'u' AS unlogged,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_by,
       (SELECT h.inhparent::regclass::text FROM pg_inherits h
        WHERE h.inhrelid = c.oid AND c.relispartition) AS partition_of,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       ARRAY(SELECT h.inhparent::regclass::text FROM pg_inherits h
             WHERE h.inhrelid = c.oid AND NOT c.relispartition ORDER BY h.inhseqno) AS inherits,
       c.relrowsecurity AS rls_enabled,
       c.relforcerowsecurity AS rls_forced,
       ARRAY(SELECT o FROM unnest(c.reloptions) o ORDER BY o) AS options,
       obj_description(c.oid, 'pg_class') AS comment,
       CASE WHEN %(grants)s THEN coalesce(c.relacl, acldefault('r', c.relowner))::text[] END AS acl
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
