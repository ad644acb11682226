-- Monitor, replication lag (PostgreSQL 10+): one row per WAL sender, read from the function behind
-- pg_stat_replication (the view would read every session). Lag in bytes is measured from the current WAL
-- position (on a standby, the last replayed one) to what the replica replayed. A role without
-- pg_read_all_stats gets NULL for everything but the pid here rather than an error.
-- The senders are read live, but pg_stat_get_activity reads the activity snapshot the transaction took at
-- its first read of activity (an earlier query of the same sample): a sender that started after it is
-- missing there. It is left out of this sample (the join is inner) rather than shown without its name
-- and address; the next sample shows it.
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
    -- replay_lag keeps its last measurement for a while after WAL stops coming: nothing left to replay
    -- is no lag.
    CASE WHEN w.replay_lsn >= CASE WHEN pg_catalog.pg_is_in_recovery() THEN pg_catalog.pg_last_wal_replay_lsn()
                                   ELSE pg_catalog.pg_current_wal_lsn() END THEN 0
         ELSE extract(epoch FROM w.replay_lag)::float8 END AS replay_lag_s,
    extract(epoch FROM w.write_lag)::float8 AS write_lag_s,
    extract(epoch FROM w.flush_lag)::float8 AS flush_lag_s
FROM pg_catalog.pg_stat_get_wal_senders() AS w
CROSS JOIN LATERAL pg_catalog.pg_stat_get_activity(w.pid) AS a
ORDER BY a.application_name, w.pid
