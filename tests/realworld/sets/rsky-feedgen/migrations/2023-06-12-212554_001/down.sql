-- This file should undo anything in `up.sql`
DROP TABLE post;
DROP TABLE sub_state;