-- This file should undo anything in `up.sql`
DROP TABLE IF EXISTS current_token_royalty_v1;