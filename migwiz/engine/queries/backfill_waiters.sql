-- Sessions waiting for a lock that the backend %(pid)s holds (our batch), and the longest such wait.
SELECT count(*)::int,
       coalesce(max(extract(epoch FROM clock_timestamp() - a.query_start)) * 1000, 0)::float8
FROM pg_stat_activity a
WHERE CASE WHEN a.wait_event_type = 'Lock' THEN %(pid)s = ANY (pg_blocking_pids(a.pid)) ELSE false END
