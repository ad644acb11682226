-- plan: (auto)vacuums running on the relations of a pending migration; anti-wraparound ones do not give
-- way to a conflicting lock request. %(oids)s: relation oids.
SELECT
    v.relid::bigint AS oid,
    v.pid,
    v.phase,
    v.heap_blks_total,
    v.heap_blks_scanned,
    coalesce(a.query ILIKE '%%to prevent wraparound%%', false) AS wraparound,
    a.backend_type = 'autovacuum worker' AS autovacuum,
    extract(epoch FROM pg_catalog.now() - a.xact_start)::float8 AS age_s,
    left(a.query, 500) AS query
FROM pg_catalog.pg_stat_progress_vacuum AS v
LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = v.pid
WHERE v.relid = ANY(%(oids)s::oid[])
