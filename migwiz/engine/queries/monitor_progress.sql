-- Monitor, long-operation progress: the per-command fragments for this server version
-- (monitor_progress_*.sql, joined with UNION ALL in place of the parts placeholder), restricted to this
-- database, with relation names resolved from the catalog and the elapsed time of the command.
-- Every fragment returns the same columns:
-- pid, datid, relid, index_relid, operation, phase, done, total, unit, waiting_for.
SELECT
    p.pid,
    p.operation,
    p.phase,
    pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS relation,
    pg_catalog.quote_ident(ni.nspname) || '.' || pg_catalog.quote_ident(ci.relname) AS index,
    p.done::bigint AS done,
    p.total::bigint AS total,
    p.unit,
    p.waiting_for::integer AS waiting_for,
    extract(epoch FROM pg_catalog.now() - a.query_start)::float8 AS elapsed_s,
    a.backend_type
FROM ({parts}) AS p
LEFT JOIN pg_catalog.pg_class AS c ON c.oid = p.relid
LEFT JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class AS ci ON ci.oid = p.index_relid
LEFT JOIN pg_catalog.pg_namespace AS ni ON ni.oid = ci.relnamespace
LEFT JOIN LATERAL pg_catalog.pg_stat_get_activity(p.pid) AS a ON true
WHERE p.datid =
    (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
ORDER BY p.pid
