-- The schema measure's deployment (self-host/postgres/init-postgres.sh) creates before dbmate runs.
CREATE SCHEMA IF NOT EXISTS measure;
