-- This file should undo anything in `up.sql`
DROP TABLE IF EXISTS tokens;
DROP TABLE IF EXISTS token_ownerships;
DROP TABLE IF EXISTS token_datas;
DROP TABLE IF EXISTS collection_datas;