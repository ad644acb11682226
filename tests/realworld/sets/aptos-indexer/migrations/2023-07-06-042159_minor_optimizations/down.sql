-- This file should undo anything in `up.sql`
DROP INDEX IF EXISTS mr_ver_index;