-- Monitor progress fragment, VACUUM (PostgreSQL 17+): heap blocks scanned, indexes processed (new in 17),
-- then heap blocks vacuumed.
SELECT
    p.pid, p.datid, p.relid, NULL::oid AS index_relid, 'VACUUM'::text AS operation, p.phase,
    CASE WHEN p.phase IN ('vacuuming indexes', 'cleaning up indexes') THEN p.indexes_processed
         WHEN p.phase = 'vacuuming heap' THEN p.heap_blks_vacuumed
         ELSE p.heap_blks_scanned END AS done,
    CASE WHEN p.phase IN ('vacuuming indexes', 'cleaning up indexes') THEN p.indexes_total
         ELSE p.heap_blks_total END AS total,
    CASE WHEN p.phase IN ('vacuuming indexes', 'cleaning up indexes') THEN 'indexes'
         ELSE 'blocks' END AS unit,
    NULL::integer AS waiting_for
FROM pg_catalog.pg_stat_progress_vacuum AS p
