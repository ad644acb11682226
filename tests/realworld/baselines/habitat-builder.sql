-- What exists before habitat-sh/builder's first Diesel migration: Diesel's history table (one of the
-- migrations deletes a row of it; diesel/src/migration/mod.rs `CREATE_MIGRATIONS_TABLE`) and the id
-- generator its tables' defaults call, which the application creates before it runs the migrations
-- (components/builder-db/src/migration.rs, setup_ids, at the set's pinned commit; Apache-2.0).
CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (
       version VARCHAR(50) PRIMARY KEY NOT NULL,
       run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE OR REPLACE FUNCTION next_id_v1(sequence_id regclass, OUT result bigint) AS $$
                DECLARE
                    our_epoch bigint := 1409266191000;
                    seq_id bigint;
                    now_millis bigint;
                BEGIN
                    SELECT nextval(sequence_id) % 1024 INTO seq_id;
                    SELECT FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) INTO now_millis;
                    result := (now_millis - our_epoch) << 23;
                    result := result | (seq_id << 13);
                END;
                $$ LANGUAGE PLPGSQL;
