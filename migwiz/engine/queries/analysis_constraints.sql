-- analysis: CHECK, NOT NULL (18+) and FOREIGN KEY constraints with validation state and columns.
SELECT n.nspname || '.' || c.relname AS relation,
       co.conname AS name,
       co.contype::text AS contype,
       co.convalidated AS validated,
       pg_catalog.pg_get_constraintdef(co.oid) AS definition,
       CASE WHEN co.confrelid <> 0 THEN
         (SELECT fn.nspname || '.' || f.relname FROM pg_catalog.pg_class f
            JOIN pg_catalog.pg_namespace fn ON fn.oid = f.relnamespace WHERE f.oid = co.confrelid)
       END AS referenced,
       ARRAY(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum
              ORDER BY k.ord) AS columns,
       ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum
              ORDER BY k.ord) AS referenced_columns
FROM pg_catalog.pg_constraint co
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE co.contype IN ('c', 'f', 'n')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2
