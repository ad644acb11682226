-- dry run: the ordinary and partitioned tables (not partitions) among the (schema, name) pairs the
-- migrations lock, in the order given. parameters: schema names, table names (text arrays of equal length).
SELECT n.nspname, c.relname
FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS q (s, r, i)
JOIN pg_catalog.pg_namespace AS n ON n.nspname = q.s
JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND c.relname = q.r
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY q.i
