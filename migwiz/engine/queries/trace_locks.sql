-- trace: the relation locks one backend holds or waits for in the current database.
SELECT l.relation::bigint AS oid, l.mode, l.granted
FROM pg_catalog.pg_locks l
WHERE l.pid = %(pid)s
  AND l.locktype = 'relation'
  AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
