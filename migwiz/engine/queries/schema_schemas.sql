-- Schemas, except system ones, excluded ones and those created by an extension.
SELECT quote_ident(n.nspname) AS name,
       obj_description(n.oid, 'pg_namespace') AS comment,
       CASE WHEN %(grants)s THEN coalesce(n.nspacl, acldefault('n', n.nspowner))::text[] END AS acl
FROM pg_namespace n
WHERE n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e')
