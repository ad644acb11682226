-- Monitor, lock waits (PostgreSQL 14+, pg_locks.waitstart): every session of this database waiting for a
-- heavyweight lock, the sessions blocking it (pg_blocking_pids) and the lock it waits for.
-- Reads statistics views and catalogs only, never a user table; no parameters.
WITH waiting AS MATERIALIZED (
    SELECT a.pid, pg_catalog.pg_blocking_pids(a.pid) AS blocked_by
    FROM pg_catalog.pg_stat_activity AS a
    WHERE a.wait_event_type = 'Lock'
      AND a.datname = pg_catalog.current_database()
      AND a.pid <> pg_catalog.pg_backend_pid()
),
involved AS (
    SELECT w.pid FROM waiting AS w
    UNION
    SELECT b.pid FROM waiting AS w CROSS JOIN LATERAL pg_catalog.unnest(w.blocked_by) AS b(pid)
),
lock_wanted AS (
    SELECT DISTINCT ON (l.pid) l.pid, l.mode, l.locktype, l.relation, l.database, l.waitstart
    FROM pg_catalog.pg_locks AS l
    WHERE NOT l.granted AND l.pid IN (SELECT w.pid FROM waiting AS w)
    ORDER BY l.pid
)
SELECT
    i.pid,
    coalesce(w.blocked_by, ARRAY[]::integer[]) AS blocked_by,
    a.application_name,
    a.usename::text AS usename,
    a.state,
    extract(epoch FROM pg_catalog.now() - coalesce(lw.waitstart, a.state_change, a.query_start))::float8
        AS wait_s,
    extract(epoch FROM pg_catalog.now() - a.xact_start)::float8 AS xact_age_s,
    lw.mode,
    lw.locktype,
    CASE
        WHEN c.oid IS NOT NULL THEN pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
        WHEN lw.relation IS NOT NULL THEN 'oid ' || lw.relation::text
    END AS relation,
    left(a.query, 2000) AS query
FROM involved AS i
LEFT JOIN waiting AS w ON w.pid = i.pid
LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = i.pid
LEFT JOIN lock_wanted AS lw ON lw.pid = i.pid
LEFT JOIN pg_catalog.pg_class AS c
    ON c.oid = lw.relation
   AND lw.database IN (0, (SELECT d.oid FROM pg_catalog.pg_database AS d
                           WHERE d.datname = pg_catalog.current_database()))
LEFT JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
ORDER BY i.pid
