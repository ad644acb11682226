-- Monitor progress fragment, CREATE INDEX / REINDEX (PostgreSQL 12+). Waiting phases count lockers (and
-- name the one waited for), table scans count blocks, sorting and loading count tuples.
SELECT
    p.pid, p.datid, p.relid, p.index_relid, p.command AS operation, p.phase,
    CASE WHEN p.phase LIKE 'waiting%' THEN p.lockers_done
         WHEN p.phase LIKE '%scanning table%' THEN p.blocks_done
         WHEN p.tuples_total > 0 THEN p.tuples_done
         WHEN p.blocks_total > 0 THEN p.blocks_done
         ELSE p.partitions_done END AS done,
    CASE WHEN p.phase LIKE 'waiting%' THEN p.lockers_total
         WHEN p.phase LIKE '%scanning table%' THEN p.blocks_total
         WHEN p.tuples_total > 0 THEN p.tuples_total
         WHEN p.blocks_total > 0 THEN p.blocks_total
         ELSE p.partitions_total END AS total,
    CASE WHEN p.phase LIKE 'waiting%' THEN 'lockers'
         WHEN p.phase LIKE '%scanning table%' THEN 'blocks'
         WHEN p.tuples_total > 0 THEN 'tuples'
         WHEN p.blocks_total > 0 THEN 'blocks'
         ELSE 'partitions' END AS unit,
    nullif(p.current_locker_pid, 0) AS waiting_for
FROM pg_catalog.pg_stat_progress_create_index AS p
