-- Monitor, lock waits (PostgreSQL 11 to 13: no pg_locks.waitstart, a wait counts from state_change):
-- every session of this database waiting for a heavyweight lock, the sessions blocking it
-- (pg_blocking_pids) and the lock it waits for.
-- Reads statistics functions and catalogs only, never a user table; no parameters. Cheap per-backend
-- functions find the waiters, so only the sessions in the tree are read in full.
WITH backends AS (
    SELECT pg_catalog.pg_stat_get_backend_pid(s.id) AS pid
    FROM pg_catalog.pg_stat_get_backend_idset() AS s(id)
    WHERE pg_catalog.pg_stat_get_backend_wait_event_type(s.id) = 'Lock'
      AND pg_catalog.pg_stat_get_backend_dbid(s.id) =
          (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
),
waiting AS (
    SELECT b.pid, pg_catalog.pg_blocking_pids(b.pid) AS blocked_by
    FROM backends AS b
    WHERE b.pid <> pg_catalog.pg_backend_pid()
),
involved AS (
    SELECT w.pid FROM waiting AS w
    UNION
    SELECT b.pid FROM waiting AS w CROSS JOIN LATERAL pg_catalog.unnest(w.blocked_by) AS b(pid)
),
lock_wanted AS (
    SELECT DISTINCT ON (l.pid) l.pid, l.mode, l.locktype, l.relation, l.database
    FROM pg_catalog.pg_locks AS l
    WHERE NOT l.granted AND l.pid IN (SELECT w.pid FROM waiting AS w)
    ORDER BY l.pid
)
SELECT
    i.pid,
    coalesce(w.blocked_by, ARRAY[]::integer[]) AS blocked_by,
    a.application_name,
    pg_catalog.pg_get_userbyid(a.usesysid)::text AS usename,
    a.state,
    extract(epoch FROM pg_catalog.now() - coalesce(a.state_change, a.query_start))::float8
        AS wait_s,
    extract(epoch FROM pg_catalog.now() - a.xact_start)::float8 AS xact_age_s,
    lw.mode,
    lw.locktype,
    CASE
        WHEN c.oid IS NOT NULL
            THEN pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
        WHEN lw.relation IS NOT NULL THEN 'oid ' || lw.relation::text
    END AS relation,
    left(a.query, 2000) AS query,
    a.wait_event_type || ':' || a.wait_event AS wait_event
FROM involved AS i
LEFT JOIN waiting AS w ON w.pid = i.pid
LEFT JOIN LATERAL pg_catalog.pg_stat_get_activity(i.pid) AS a ON true
LEFT JOIN lock_wanted AS lw ON lw.pid = i.pid
LEFT JOIN pg_catalog.pg_class AS c
    ON c.oid = lw.relation
   AND lw.database IN (0, (SELECT d.oid FROM pg_catalog.pg_database AS d
                           WHERE d.datname = pg_catalog.current_database()))
LEFT JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
ORDER BY i.pid
