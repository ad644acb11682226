-- pg_trgm, which the operator creates before the set's first migration (ChirpStack's
-- .docker-compose/postgresql/initdb/0002-chirpstack_extensions.sh: `create extension pg_trgm;`),
-- as superuser; the migrations use its gin_trgm_ops without creating it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
