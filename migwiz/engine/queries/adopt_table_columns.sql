-- A history table named by the operator (`adopt --table [schema.]table`, for a tool configured with
-- another table name): its schema, name and column names; unqualified names resolve through the search path.
SELECT n.nspname,
       c.relname,
       array_agg(a.attname::text ORDER BY a.attnum) AS columns
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.oid = to_regclass(%(name)s)
  AND c.relkind IN ('r', 'p')
GROUP BY n.nspname, c.relname
