-- analysis: the relations each view and materialized view reads (through its rewrite rule).
SELECT DISTINCT vn.nspname || '.' || v.relname AS view_name,
       sn.nspname || '.' || s.relname AS source
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class v ON v.oid = r.ev_class
JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
JOIN pg_catalog.pg_class s ON s.oid = d.refobjid AND s.oid <> v.oid
JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
WHERE v.relkind IN ('v', 'm') AND s.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND vn.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2
