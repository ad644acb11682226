-- backfill workers: the server's max_parallel_workers and its other active client sessions.
SELECT current_setting('max_parallel_workers')::int,
       (SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid()
          AND backend_type = 'client backend')::int
