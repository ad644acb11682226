-- Monitor progress fragment, VACUUM (PostgreSQL 9.6 to 16): heap blocks scanned, then vacuumed.
SELECT
    p.pid, p.datid, p.relid, NULL::oid AS index_relid, 'VACUUM'::text AS operation, p.phase,
    CASE WHEN p.phase = 'vacuuming heap' THEN p.heap_blks_vacuumed ELSE p.heap_blks_scanned END AS done,
    p.heap_blks_total AS total,
    'blocks'::text AS unit,
    NULL::integer AS waiting_for
FROM pg_catalog.pg_stat_progress_vacuum AS p
