-- The archiver's counters, with ages computed on the server's clock (no client clock skew).
SELECT a.archived_count,
       a.last_archived_wal,
       a.last_archived_time,
       extract(epoch FROM now() - a.last_archived_time)::float8 AS last_archived_age_s,
       a.failed_count,
       a.last_failed_wal,
       a.last_failed_time,
       extract(epoch FROM now() - a.last_failed_time)::float8 AS last_failed_age_s,
       a.stats_reset,
       pg_is_in_recovery() AS in_recovery,
       current_setting('server_version') AS server_version,
       current_setting('server_version_num')::int AS server_version_num,
       floor(extract(epoch FROM pg_postmaster_start_time()))::bigint AS postmaster_start_epoch
FROM pg_stat_archiver a
