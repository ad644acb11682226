-- This file should undo anything in `up.sql`
DROP TABLE IF EXISTS current_token_ownerships;
DROP TABLE IF EXISTS current_token_datas;
DROP TABLE IF EXISTS current_collection_datas;