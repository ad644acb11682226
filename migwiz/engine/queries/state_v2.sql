-- migwiz's own state, version 2: backfill checkpoints and the operator's control rows, the query
-- baselines of the contract-phase guard, and the planner's calibration cache.
-- The schema name is filled in by psycopg.sql.Identifier. IF NOT EXISTS: databases where earlier builds created
-- these tables on first use upgrade in place.

CREATE TABLE IF NOT EXISTS {schema}.backfill_progress (
    id             text PRIMARY KEY,
    relation       text NOT NULL,
    key_columns    text[] NOT NULL,
    statement      text NOT NULL,
    upper_key      text[],
    last_key       text[],
    rows_scanned   bigint NOT NULL DEFAULT 0,
    rows_updated   bigint NOT NULL DEFAULT 0,
    batches        bigint NOT NULL DEFAULT 0,
    total_estimate bigint,
    batch_size     integer,
    rate           double precision,
    state          text NOT NULL DEFAULT 'running',
    pid            integer,
    run_id         uuid,
    started_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at    timestamptz
);

CREATE TABLE IF NOT EXISTS {schema}.backfill_control (
    id         text PRIMARY KEY,
    paused     boolean NOT NULL DEFAULT false,
    batch_size integer,
    max_rate   double precision,
    target_ms  double precision,
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_by text NOT NULL DEFAULT current_user
);

CREATE TABLE IF NOT EXISTS {schema}.phase_query_baseline (
    version  text NOT NULL,
    queryid  bigint NOT NULL,
    calls    bigint NOT NULL,
    taken_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (version, queryid)
);

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
