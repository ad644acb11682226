-- Backfill checkpoints, the operator's control rows and the query baselines of the phase guard.
-- Created idempotently by migwiz.engine.backfill.store; {schema} is the quoted migwiz schema.
CREATE SCHEMA IF NOT EXISTS {schema};

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
