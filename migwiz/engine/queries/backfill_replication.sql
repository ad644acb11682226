-- Replica lag and the current WAL position: the worst standby's replay lag in ms and in bytes (NULL
-- without standbys), then the WAL written since 0/0. Bytes count from the insert position: with
-- synchronous_commit off a committed batch's WAL may wait in memory for the WAL writer (up to
-- wal_writer_delay), behind pg_current_wal_lsn(), and would be missed by both the backlog and the rate.
-- A standby that has replayed everything the primary wrote has no lag, whatever replay_lag says: that
-- column keeps its last measurement for a while once WAL stops coming (as it does while the brake
-- holds the backfill), so a lag measured before the standby caught up would hold the brake on.
SELECT (SELECT max(CASE WHEN replay_lsn >= pg_current_wal_lsn() THEN 0
                        ELSE extract(epoch FROM coalesce(replay_lag, interval '0')) * 1000 END)
        FROM pg_stat_replication)::float8,
       (SELECT max(CASE WHEN replay_lsn >= pg_current_wal_lsn() THEN 0
                        ELSE pg_wal_lsn_diff(pg_current_wal_insert_lsn(), replay_lsn) END)
        FROM pg_stat_replication)::float8,
       pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8
