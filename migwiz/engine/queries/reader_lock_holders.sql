-- A read that gave up waiting for a lock: who holds (or is queued for) ACCESS EXCLUSIVE on a relation of
-- this database, the only mode that blocks a reader's ACCESS SHARE. Other sessions' temporary tables are
-- left out (their creator always holds them so). Newest waits last; at most three.
SELECT
    coalesce(n.nspname || '.' || c.relname, 'relation ' || l.relation::text) AS relation,
    l.granted,
    l.pid,
    coalesce(a.application_name, '') AS application_name,
    coalesce(a.state, '') AS state,
    extract(epoch FROM pg_catalog.now() - a.xact_start)::float8 AS xact_age_s
FROM pg_catalog.pg_locks AS l
LEFT JOIN pg_catalog.pg_class AS c ON c.oid = l.relation
LEFT JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
WHERE l.locktype = 'relation'
  AND l.mode = 'AccessExclusiveLock'
  AND l.database = (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
  AND l.pid IS DISTINCT FROM pg_catalog.pg_backend_pid()
  AND coalesce(c.relpersistence, 'p') <> 't'
ORDER BY l.granted DESC, xact_age_s DESC NULLS LAST, l.pid
LIMIT 3
