-- This file should undo anything in `up.sql`
DROP TABLE IF EXISTS processor_status;