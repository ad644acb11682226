-- analysis: the columns each view, materialized view or rule uses (their type cannot change while it exists);
-- rule_name is NULL for a view's own query (its _RETURN rule), else the rule's name (on view_name).
SELECT DISTINCT vn.nspname || '.' || v.relname AS view_name,
       n.nspname || '.' || c.relname AS relation,
       a.attname AS column_name,
       CASE WHEN r.rulename = '_RETURN' AND v.relkind IN ('v', 'm') THEN NULL ELSE r.rulename::text END
         AS rule_name
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
JOIN pg_catalog.pg_class v ON v.oid = r.ev_class
JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
JOIN pg_catalog.pg_class c ON c.oid = d.refobjid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
  AND d.refobjsubid > 0
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND vn.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2, 3
