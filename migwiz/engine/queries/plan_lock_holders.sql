-- plan: every other session holding or waiting for a lock on the relations of a pending migration, with
-- its activity (sessions), or its prepared transaction (pid is null for those). %(oids)s: relation oids.
SELECT
    l.relation::bigint AS oid,
    l.mode,
    l.granted,
    l.pid,
    a.backend_type,
    a.state,
    a.application_name,
    coalesce(a.usename::text, p.owner::text) AS usename,
    extract(epoch FROM pg_catalog.now() - coalesce(a.xact_start, p.prepared))::float8 AS xact_age_s,
    extract(epoch FROM pg_catalog.now() - a.state_change)::float8 AS state_age_s,
    left(a.query, 500) AS query,
    p.gid
FROM pg_catalog.pg_locks AS l
LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
LEFT JOIN LATERAL (
    -- a prepared transaction's locks have no pid; its transactionid lock shares their virtualtransaction
    SELECT px.gid, px.owner, px.prepared
    FROM pg_catalog.pg_locks AS x
    JOIN pg_catalog.pg_prepared_xacts AS px ON px.transaction = x.transactionid
    WHERE l.pid IS NULL AND x.pid IS NULL AND x.locktype = 'transactionid'
      AND x.virtualtransaction = l.virtualtransaction
    LIMIT 1
) AS p ON true
WHERE l.locktype = 'relation'
  AND l.database = (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
  AND l.relation = ANY(%(oids)s::oid[])
  AND l.pid IS DISTINCT FROM pg_catalog.pg_backend_pid()
ORDER BY l.granted DESC, xact_age_s DESC NULLS LAST, l.pid
