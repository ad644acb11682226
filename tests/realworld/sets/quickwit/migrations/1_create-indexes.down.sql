DROP TABLE indexes;

DROP FUNCTION IF EXISTS quickwit_manage_update_timestamp(_tbl regclass);
DROP FUNCTION IF EXISTS quickwit_set_update_timestamp();

