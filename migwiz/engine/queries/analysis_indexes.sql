-- analysis: indexes of user tables with their columns and uniqueness: the key columns in order, then the
-- columns their expressions and predicate use (from pg_depend: an index depends on each column it reads);
-- the expressions among its key parts and its predicate, as SQL.
SELECT n.nspname || '.' || ic.relname AS name,
       n2.nspname || '.' || c.relname AS relation,
       i.indisunique AS is_unique,
       ARRAY(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              ORDER BY k.ord)
       || ARRAY(SELECT a.attname::text FROM pg_catalog.pg_depend d
                  JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = i.indexrelid
                   AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = i.indrelid
                   AND d.refobjsubid > 0 AND d.refobjsubid <> ALL (i.indkey::int2[])
                 ORDER BY a.attnum) AS columns,
       pg_catalog.concat_ws(', ', pg_catalog.pg_get_expr(i.indexprs, i.indrelid),
                            pg_catalog.pg_get_expr(i.indpred, i.indrelid)) AS expressions
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n2 ON n2.oid = c.relnamespace
WHERE n2.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n2.nspname NOT LIKE 'pg\_toast%'
ORDER BY 1
