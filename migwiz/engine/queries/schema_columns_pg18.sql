-- Table columns (PostgreSQL 18+: NOT NULL constraints are catalogued, and may be NOT VALID).
-- Columns of partitions, and inherited columns not declared locally, are represented by the parent's.
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_name,
       quote_ident(a.attname) AS column_name,
       row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) AS position,
       a.attislocal AND NOT c.relispartition AS local,
       format_type(a.atttypid, a.atttypmod) AS type,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default_expr,
       a.attnotnull AS not_null,
       CASE WHEN nn.conname <> c.relname || '_' || a.attname || '_not_null'
            THEN quote_ident(nn.conname) END AS not_null_name,
       coalesce(nn.convalidated, true) AS not_null_validated,
       CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid)
            || CASE a.attgenerated WHEN 's' THEN ' STORED' ELSE ' VIRTUAL' END END AS generated,
       CASE WHEN a.attcollation <> t.typcollation THEN
            (SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN '' ELSE quote_ident(cn.nspname) || '.' END
                    || quote_ident(co.collname)
             FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
             WHERE co.oid = a.attcollation) END AS collation,
       col_description(c.oid, a.attnum) AS comment,
       CASE WHEN %(grants)s THEN coalesce(a.attacl, '{}')::text[] END AS acl
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_constraint nn ON nn.conrelid = a.attrelid AND nn.contype = 'n' AND nn.conkey[1] = a.attnum
WHERE a.attnum > 0
  AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p')
  AND n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
