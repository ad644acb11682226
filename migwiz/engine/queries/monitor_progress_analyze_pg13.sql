-- Monitor progress fragment, ANALYZE (PostgreSQL 13+): sample blocks, or child tables for inheritance trees.
SELECT
    p.pid, p.datid, p.relid, NULL::oid AS index_relid, 'ANALYZE'::text AS operation, p.phase,
    CASE WHEN p.phase = 'acquiring inherited sample rows' THEN p.child_tables_done
         ELSE p.sample_blks_scanned END AS done,
    CASE WHEN p.phase = 'acquiring inherited sample rows' THEN p.child_tables_total
         ELSE p.sample_blks_total END AS total,
    CASE WHEN p.phase = 'acquiring inherited sample rows' THEN 'tables' ELSE 'blocks' END AS unit,
    NULL::integer AS waiting_for
FROM pg_catalog.pg_stat_progress_analyze AS p
