-- This file should undo anything in `up.sql`
DROP VIEW IF EXISTS current_aptos_names;