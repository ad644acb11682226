-- The primary key columns of one table, in key order, with their types. %(relation)s is regclass text.
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_index i
JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
WHERE i.indrelid = %(relation)s::regclass AND i.indisprimary
ORDER BY k.ord
