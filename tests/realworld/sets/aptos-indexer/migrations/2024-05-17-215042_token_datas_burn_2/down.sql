-- This file should undo anything in `up.sql`
ALTER TABLE IF EXISTS token_datas_v2 DROP COLUMN is_deleted_v2;