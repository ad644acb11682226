-- analysis (before 14, no SQL-standard bodies): SQL functions outside pg_catalog PostgreSQL may inline
-- (not SECURITY DEFINER, no SET, not returning a set), with their declared volatility and body text; the
-- analyser reads the body to know what the expression is once inlined.
SELECT p.proname AS name, p.provolatile::text AS volatility, p.prosrc AS body
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND l.lanname = 'sql' AND p.prokind = 'f' AND NOT p.prosecdef AND p.proconfig IS NULL
  AND NOT p.proretset
ORDER BY 1
