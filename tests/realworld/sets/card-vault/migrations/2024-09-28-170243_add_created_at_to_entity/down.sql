-- This file should undo anything in `up.sql`
ALTER TABLE entity DROP COLUMN IF EXISTS created_at;