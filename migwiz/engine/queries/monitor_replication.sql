-- Monitor, replication lag (PostgreSQL 10+): one row per WAL sender. Lag in bytes is measured from the
-- current WAL position (or, on a standby, the last replayed one) to what the replica replayed. A role
-- without pg_read_all_stats sees NULL positions and lags here rather than an error.
SELECT
    r.pid,
    r.application_name,
    host(r.client_addr) AS client_addr,
    r.state,
    r.sync_state,
    pg_catalog.pg_wal_lsn_diff(
        CASE WHEN pg_catalog.pg_is_in_recovery() THEN pg_catalog.pg_last_wal_replay_lsn()
             ELSE pg_catalog.pg_current_wal_lsn() END,
        r.replay_lsn
    )::bigint AS replay_lag_bytes,
    extract(epoch FROM r.replay_lag)::float8 AS replay_lag_s,
    extract(epoch FROM r.write_lag)::float8 AS write_lag_s,
    extract(epoch FROM r.flush_lag)::float8 AS flush_lag_s
FROM pg_catalog.pg_stat_replication AS r
ORDER BY r.application_name, r.pid
