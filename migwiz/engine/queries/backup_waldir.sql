-- Size of pg_wal (needs pg_monitor or superuser).
SELECT count(*) AS segments, coalesce(sum(size), 0)::bigint AS bytes
FROM pg_ls_waldir()
