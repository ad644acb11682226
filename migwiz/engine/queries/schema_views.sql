-- Views and materialized views.
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
       c.relkind = 'm' AS materialized,
       pg_get_viewdef(c.oid, true) AS definition,
       ARRAY(SELECT o FROM unnest(c.reloptions) o ORDER BY o) AS options,
       obj_description(c.oid, 'pg_class') AS comment,
       CASE WHEN %(grants)s THEN coalesce(c.relacl, acldefault('r', c.relowner))::text[] END AS acl
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
