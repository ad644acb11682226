-- analysis: volatility of functions outside pg_catalog (built-ins are known to migwiz).
SELECT DISTINCT ON (p.proname) p.proname AS name, p.provolatile::text AS volatility
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY p.proname, (p.provolatile = 'v') DESC
