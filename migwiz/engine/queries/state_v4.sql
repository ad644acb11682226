-- migwiz's own state, version 4: parallel backfills. A backfill's key range is cut into ranges, each
-- with its own checkpoint (the last key done) moved by each batch's own transaction; any number of
-- workers take ranges, so a resume may use a different number of workers than the run it resumes.
-- Once ranges exist, a backfill's counts are its ranges' plus `base_*` (work done before it was cut into
-- ranges); `rows_scanned`, `rows_updated` and `batches` of backfill_progress are then a copy written by the
-- running backfill every second and when it stops.
-- The schema name is filled in by psycopg.sql.Identifier.

CREATE TABLE IF NOT EXISTS {schema}.backfill_ranges (
    backfill_id   text NOT NULL REFERENCES {schema}.backfill_progress (id) ON DELETE CASCADE,
    range_no      integer NOT NULL,
    lower_key     text[],
    upper_key     text[] NOT NULL,
    last_key      text[],
    rows_scanned  bigint NOT NULL DEFAULT 0,
    rows_updated  bigint NOT NULL DEFAULT 0,
    batches       bigint NOT NULL DEFAULT 0,
    done          boolean NOT NULL DEFAULT false,
    worker        integer,
    batch_size    integer,
    rate          double precision,
    batch_ms      double precision,
    updated_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (backfill_id, range_no)
);

ALTER TABLE {schema}.backfill_progress ADD COLUMN IF NOT EXISTS start_xid text;
ALTER TABLE {schema}.backfill_progress ADD COLUMN IF NOT EXISTS workers integer;
ALTER TABLE {schema}.backfill_progress ADD COLUMN IF NOT EXISTS brake text;
ALTER TABLE {schema}.backfill_progress ADD COLUMN IF NOT EXISTS eta_s double precision;
ALTER TABLE {schema}.backfill_control ADD COLUMN IF NOT EXISTS workers integer;
ALTER TABLE {schema}.backfill_progress ADD COLUMN IF NOT EXISTS table_filenode bigint;
ALTER TABLE {schema}.backfill_progress ADD COLUMN IF NOT EXISTS base_scanned bigint NOT NULL DEFAULT 0;
ALTER TABLE {schema}.backfill_progress ADD COLUMN IF NOT EXISTS base_updated bigint NOT NULL DEFAULT 0;
ALTER TABLE {schema}.backfill_progress ADD COLUMN IF NOT EXISTS base_batches bigint NOT NULL DEFAULT 0;
