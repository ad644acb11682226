-- analysis: extended statistics objects and the table each is on (DROP STATISTICS locks that table).
SELECT n.nspname || '.' || s.stxname AS name,
       tn.nspname || '.' || c.relname AS relation
FROM pg_catalog.pg_statistic_ext s
JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid
JOIN pg_catalog.pg_namespace tn ON tn.oid = c.relnamespace
WHERE tn.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1
