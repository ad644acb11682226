-- Sessions waiting for a lock that one of the backends %(pids)s holds (our batches), and the longest such wait.
SELECT count(*)::int,
       coalesce(max(extract(epoch FROM clock_timestamp() - a.query_start)) * 1000, 0)::float8
FROM pg_stat_activity a
WHERE CASE WHEN a.wait_event_type = 'Lock' THEN %(pids)s::int[] && pg_blocking_pids(a.pid) ELSE false END
