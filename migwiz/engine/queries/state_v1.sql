-- migwiz's own state, version 1. The schema name is filled in by psycopg.sql.Identifier.
CREATE SCHEMA IF NOT EXISTS {schema};

CREATE TABLE IF NOT EXISTS {schema}.meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE IF NOT EXISTS {schema}.runs (
    run_id         uuid PRIMARY KEY,
    command        text NOT NULL,
    started_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at    timestamptz,
    outcome        text,
    db_user        text NOT NULL DEFAULT current_user,
    os_user        text,
    host           text,
    migwiz_version text,
    details        jsonb NOT NULL DEFAULT '{{}}'
);

CREATE TABLE IF NOT EXISTS {schema}.history (
    version           text PRIMARY KEY,
    name              text NOT NULL,
    checksum          text NOT NULL,
    applied_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    db_user           text NOT NULL DEFAULT current_user,
    os_user           text,
    host              text,
    duration_ms       double precision,
    run_id            uuid,
    success           boolean NOT NULL,
    statements_done   integer NOT NULL DEFAULT 0,
    statement_running integer,
    reverting         boolean NOT NULL DEFAULT false,
    phase             text
);

CREATE TABLE IF NOT EXISTS {schema}.events (
    id      bigserial PRIMARY KEY,
    run_id  uuid,
    at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    level   text NOT NULL,
    step    text NOT NULL,
    message text NOT NULL,
    data    jsonb NOT NULL DEFAULT '{{}}'
);
CREATE INDEX IF NOT EXISTS events_run_id_idx ON {schema}.events (run_id, id);
CREATE INDEX IF NOT EXISTS events_at_idx ON {schema}.events (at);
