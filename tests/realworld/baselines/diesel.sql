-- The history table Diesel creates before it runs a migration
-- (diesel/src/migration/mod.rs `CREATE_MIGRATIONS_TABLE`: setup_migration_table.sql).
-- Sets whose migrations use this table start from it.
CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (
       version VARCHAR(50) PRIMARY KEY NOT NULL,
       run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
