-- History tables of other migration tools, found by name in any schema, with their column names.
-- Tables in the search path come first (that is where the tools create them by default).
SELECT n.nspname,
       c.relname,
       array_agg(a.attname::text ORDER BY a.attnum) AS columns
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p')
  AND c.relname = ANY (%(names)s::text[])
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%%'
GROUP BY n.nspname, c.relname
ORDER BY n.nspname = ANY (current_schemas(false)) DESC, n.nspname, c.relname
