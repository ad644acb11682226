-- Replication slots and the WAL each one keeps (before PostgreSQL 13: no wal_status).
SELECT slot_name,
       slot_type,
       active,
       NULL::text AS wal_status,
       CASE WHEN restart_lsn IS NULL THEN NULL
            ELSE pg_wal_lsn_diff(
                CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END,
                restart_lsn)::bigint
       END AS retained_bytes
FROM pg_replication_slots
ORDER BY slot_name
