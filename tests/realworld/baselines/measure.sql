-- What measure's deployment (self-host/postgres/init-postgres.sh) creates before dbmate runs: the
-- `measure` schema, first on the database's search_path (its migrations name tables unqualified).
CREATE SCHEMA IF NOT EXISTS measure;
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET search_path TO measure, "$user", public', current_database());
END
$$;
