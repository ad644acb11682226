-- guard: one look at our executing backend. `waiting` when it waits for a heavyweight lock; `blockers`
-- are the sessions it waits for; `queued` the sessions waiting for it (for a lock it holds, or queued
-- behind its own pending request), each with how long they have waited (PostgreSQL 14+: pg_locks.waitstart).
WITH me AS (
    SELECT a.pid, a.wait_event_type = 'Lock' AS waiting, pg_catalog.pg_blocking_pids(a.pid) AS blocking
    FROM pg_catalog.pg_stat_activity a
    WHERE a.pid = %(pid)s
),
blockers AS (
    SELECT coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
               'pid', a.pid, 'application_name', a.application_name, 'user', a.usename, 'state', a.state,
               'xact_age_s', extract(epoch FROM pg_catalog.clock_timestamp() - a.xact_start)::float8,
               'query', a.query)), '[]') AS list
    FROM pg_catalog.pg_stat_activity a, me
    WHERE a.pid = ANY(me.blocking)
),
queued AS (
    SELECT coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
               'pid', a.pid, 'application_name', a.application_name, 'user', a.usename, 'state', a.state,
               'wait_s', extract(epoch FROM pg_catalog.clock_timestamp() - w.since)::float8,
               'query', a.query)), '[]') AS list
    FROM pg_catalog.pg_stat_activity a
    CROSS JOIN LATERAL (
        SELECT min(l.waitstart) AS since FROM pg_catalog.pg_locks l WHERE l.pid = a.pid AND NOT l.granted
    ) w
    WHERE a.wait_event_type = 'Lock'
      AND a.pid <> %(pid)s
      AND %(pid)s = ANY(pg_catalog.pg_blocking_pids(a.pid))
)
SELECT coalesce((SELECT waiting FROM me), false), (SELECT list FROM blockers), (SELECT list FROM queued)
