-- trace: the user relations of the current database with their storage file (rewrite detection),
-- kind and owner. System schemas, temporary schemas, TOAST tables and composite types are left out.
SELECT c.oid::bigint AS oid,
       n.nspname AS schema,
       c.relname AS name,
       c.relkind::text AS kind,
       c.relfilenode::bigint AS filenode,
       pg_catalog.pg_get_userbyid(c.relowner) AS owner
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND c.relkind IN ('r', 'p', 'i', 'I', 'm', 'v', 'S', 'f')
