-- analysis: the tables each publication lists (ALTER PUBLICATION ... SET TABLE locks those it leaves).
SELECT p.pubname::text AS publication, n.nspname || '.' || c.relname AS relation
FROM pg_catalog.pg_publication_rel pr
JOIN pg_catalog.pg_publication p ON p.oid = pr.prpubid
JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
ORDER BY 1, 2
