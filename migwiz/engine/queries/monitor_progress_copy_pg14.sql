-- Monitor progress fragment, COPY (PostgreSQL 14+): bytes when the size is known (a file), tuples otherwise.
SELECT
    p.pid, p.datid, nullif(p.relid, 0) AS relid, NULL::oid AS index_relid, p.command AS operation,
    lower(p.type) AS phase,
    CASE WHEN p.bytes_total > 0 THEN p.bytes_processed ELSE p.tuples_processed END AS done,
    nullif(p.bytes_total, 0) AS total,
    CASE WHEN p.bytes_total > 0 THEN 'bytes' ELSE 'tuples' END AS unit,
    NULL::integer AS waiting_for
FROM pg_catalog.pg_stat_progress_copy AS p
