-- bookkeeping: up to three sessions (not ours) holding a strong lock on a table of migwiz's schema (parameter: its name).
SELECT DISTINCT l.pid, coalesce(a.application_name, ''), l.mode, c.relname
FROM pg_catalog.pg_locks l
JOIN pg_catalog.pg_class c ON c.oid = l.relation
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
WHERE n.nspname = %s AND l.granted AND l.pid <> pg_catalog.pg_backend_pid()
  AND l.mode IN ('AccessExclusiveLock', 'ExclusiveLock', 'ShareRowExclusiveLock', 'ShareLock')
ORDER BY 1 LIMIT 3
