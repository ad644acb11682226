-- plan: the calibration cache, one row per measurement (the newest one per server version is used).
-- {schema} is replaced by the quoted schema name. Idempotent.
CREATE SCHEMA IF NOT EXISTS {schema};

CREATE TABLE IF NOT EXISTS {schema}.calibration (
    measured_at          timestamptz PRIMARY KEY DEFAULT clock_timestamp(),
    server_version       integer NOT NULL,
    sample_bytes         bigint NOT NULL,
    sample_rows          bigint NOT NULL,
    scan_bytes_per_s     double precision NOT NULL,
    rewrite_bytes_per_s  double precision NOT NULL,
    index_rows_per_s     double precision NOT NULL,
    settings             jsonb NOT NULL DEFAULT '{{}}'
);

ALTER TABLE {schema}.calibration ADD COLUMN IF NOT EXISTS fk_rows_per_s double precision;
