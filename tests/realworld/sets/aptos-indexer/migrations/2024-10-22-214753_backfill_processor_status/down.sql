-- This file should undo anything in `up.sql`
DROP TABLE IF EXISTS backfill_processor_status;