-- The history table golang-migrate creates before it runs a migration
-- (golang-migrate/migrate database/postgres/postgres.go `ensureVersionTable`).
-- Sets whose migrations alter this table start from it.
CREATE TABLE IF NOT EXISTS public.schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
