-- Monitor, sessions (PostgreSQL 11+) of this database: ours (by pid, or by application_name prefix except
-- the monitors) and the transactions older than a threshold. Pids passed as ours count in any database.
-- Parameters: ours (int[]), prefix (text), monitor (the monitors' application_name), long_s (seconds).
SELECT
    a.pid,
    a.application_name,
    pg_catalog.pg_get_userbyid(a.usesysid)::text AS usename,
    a.state,
    a.backend_type,
    a.wait_event_type || ':' || a.wait_event AS wait_event,
    extract(epoch FROM pg_catalog.now() - a.xact_start)::float8 AS xact_age_s,
    extract(epoch FROM pg_catalog.now() - a.query_start)::float8 AS query_age_s,
    extract(epoch FROM pg_catalog.now() - a.state_change)::float8 AS state_age_s,
    left(a.query, 2000) AS query,
    (a.pid = ANY (%(ours)s::integer[])
     OR (a.datid = (SELECT d.oid FROM pg_catalog.pg_database AS d
                        WHERE d.datname = pg_catalog.current_database())
         AND pg_catalog.starts_with(a.application_name, %(prefix)s)
         AND a.application_name <> %(monitor)s)) AS ours
FROM pg_catalog.pg_stat_get_activity(NULL) AS a
WHERE a.pid <> pg_catalog.pg_backend_pid()
  AND (
      a.pid = ANY (%(ours)s::integer[])
      OR (a.datid = (SELECT d.oid FROM pg_catalog.pg_database AS d
                        WHERE d.datname = pg_catalog.current_database())
          AND (a.xact_start < pg_catalog.now() - pg_catalog.make_interval(secs => %(long_s)s)
               OR (pg_catalog.starts_with(a.application_name, %(prefix)s)
                   AND a.application_name <> %(monitor)s)))
  )
ORDER BY a.xact_start NULLS LAST, a.pid
