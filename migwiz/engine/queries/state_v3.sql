-- migwiz's own state, version 3: the database's baseline, the schema before its first migration (the SQL
-- itself, in order), so drift, verify, test-rollback and ci start their shadow databases from it without flags.
-- The schema name is filled in by psycopg.sql.Identifier.

CREATE TABLE IF NOT EXISTS {schema}.baseline (
    position    integer PRIMARY KEY,
    name        text NOT NULL,
    sql         text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    recorded_by text NOT NULL DEFAULT current_user
);
