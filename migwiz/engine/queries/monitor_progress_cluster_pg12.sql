-- Monitor progress fragment, CLUSTER and VACUUM FULL (PostgreSQL 12+): heap blocks while scanning the
-- heap sequentially, tuples written (no total) otherwise.
SELECT
    p.pid, p.datid, p.relid, nullif(p.cluster_index_relid, 0) AS index_relid, p.command AS operation, p.phase,
    CASE WHEN p.phase = 'seq scanning heap' THEN p.heap_blks_scanned ELSE p.heap_tuples_written END AS done,
    CASE WHEN p.phase = 'seq scanning heap' THEN p.heap_blks_total END AS total,
    CASE WHEN p.phase = 'seq scanning heap' THEN 'blocks' ELSE 'tuples' END AS unit,
    NULL::integer AS waiting_for
FROM pg_catalog.pg_stat_progress_cluster AS p
