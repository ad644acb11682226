-- Monitor, replication lag (PostgreSQL 10+): one row per WAL sender, read from the function behind
-- pg_stat_replication (the view would read every session). Lag in bytes is measured from the current WAL
-- position (on a standby, the last replayed one) to what the replica replayed. A role without
-- pg_read_all_stats gets NULL for everything but the pid here rather than an error.
SELECT
    w.pid,
    a.application_name,
    host(a.client_addr) AS client_addr,
    w.state,
    w.sync_state,
    pg_catalog.pg_wal_lsn_diff(
        CASE WHEN pg_catalog.pg_is_in_recovery() THEN pg_catalog.pg_last_wal_replay_lsn()
             ELSE pg_catalog.pg_current_wal_lsn() END,
        w.replay_lsn
    )::bigint AS replay_lag_bytes,
    extract(epoch FROM w.replay_lag)::float8 AS replay_lag_s,
    extract(epoch FROM w.write_lag)::float8 AS write_lag_s,
    extract(epoch FROM w.flush_lag)::float8 AS flush_lag_s
FROM pg_catalog.pg_stat_get_wal_senders() AS w
LEFT JOIN LATERAL pg_catalog.pg_stat_get_activity(w.pid) AS a ON true
ORDER BY a.application_name, w.pid
