-- Standbys streaming from this server (pg_stat_replication, PostgreSQL 10+), the slot each streams
-- through, and how far behind its replay is. A standby that has replayed everything this server wrote
-- has no lag: replay_lag keeps its last measurement for a while after WAL stops coming, so it is read
-- only while bytes remain to replay. Columns are NULL for a role without pg_read_all_stats.
SELECT r.application_name,
       host(r.client_addr) AS client_addr,
       r.state,
       r.sync_state,
       s.slot_name,
       pg_wal_lsn_diff(
           CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END,
           r.replay_lsn)::bigint AS replay_lag_bytes,
       CASE WHEN r.replay_lsn >= CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
                                      ELSE pg_current_wal_lsn() END THEN 0
            ELSE extract(epoch FROM r.replay_lag)::float8 END AS replay_lag_s
FROM pg_stat_replication r
LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid
ORDER BY r.application_name, r.pid
