-- guard: sessions holding a granted lock on one of the given relations (oids), other than our own
-- sessions, with how long their transaction has been open. Prepared transactions have no pid.
SELECT l.pid,
       l.mode,
       l.relation::bigint AS oid,
       pg_catalog.format('%%I.%%I', n.nspname, c.relname) AS relation,
       coalesce(a.application_name, '') AS application_name,
       a.usename::text AS usename,
       a.state,
       extract(epoch FROM pg_catalog.clock_timestamp() - a.xact_start)::float8 AS xact_age_s,
       coalesce(a.query, '') AS query
FROM pg_catalog.pg_locks l
JOIN pg_catalog.pg_class c ON c.oid = l.relation
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'relation'
  AND l.granted
  AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
  AND l.relation = ANY(%(oids)s::oid[])
  AND (l.pid IS NULL OR l.pid <> ALL(%(ours)s::int[]))
