-- The history table sqlx creates before it runs a migration
-- (sqlx-postgres/src/migrate.rs `ensure_migrations_table`, default table name _sqlx_migrations).
-- Sets whose migrations use this table start from it.
CREATE TABLE IF NOT EXISTS _sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
    success BOOLEAN NOT NULL,
    checksum BYTEA NOT NULL,
    execution_time BIGINT NOT NULL
);
