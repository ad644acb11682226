-- Replica lag (the worst standby's replay lag, ms; NULL without standbys) and the current WAL position.
SELECT (SELECT max(extract(epoch FROM coalesce(replay_lag, interval '0'))) * 1000 FROM pg_stat_replication)::float8,
       pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8
