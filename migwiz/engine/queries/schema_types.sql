-- Enums (labels in order), domains (with their CHECK constraints) and composite types (attributes).
-- Domain NOT NULL is read from typnotnull (PostgreSQL 17+ also keeps it as a constraint row: skipped).
SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname) AS name,
       t.typtype AS typtype,
       CASE t.typtype
           WHEN 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e
                               WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
           WHEN 'd' THEN ARRAY(SELECT quote_ident(con.conname) || ': ' || pg_get_constraintdef(con.oid)
                               FROM pg_constraint con
                               WHERE con.contypid = t.oid AND con.contype = 'c' ORDER BY con.conname)
           ELSE ARRAY(SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
                             || coalesce(' COLLATE ' || ac.name, '')
                      FROM pg_attribute a
                      JOIN pg_type at ON at.oid = a.atttypid
                      LEFT JOIN LATERAL (
                          SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN '' ELSE quote_ident(cn.nspname) || '.' END
                                 || quote_ident(co.collname) AS name
                          FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                          WHERE co.oid = a.attcollation AND a.attcollation <> at.typcollation
                      ) ac ON true
                      WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
                      ORDER BY a.attnum)
       END AS items,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
       CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS default_expr,
       t.typnotnull AS not_null,
       dc.name AS collation,
       obj_description(t.oid, 'pg_type') AS comment,
       CASE WHEN %(grants)s THEN coalesce(t.typacl, acldefault('T', t.typowner))::text[] END AS acl
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN LATERAL (
    SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN '' ELSE quote_ident(cn.nspname) || '.' END
           || quote_ident(co.collname) AS name
    FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
    WHERE co.oid = t.typcollation AND t.typtype = 'd' AND t.typcollation <> bt.typcollation
) dc ON true
WHERE (t.typtype IN ('e', 'd')
       OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
  AND n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
