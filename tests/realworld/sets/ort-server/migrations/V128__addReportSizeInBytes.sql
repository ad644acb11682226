ALTER TABLE reports ADD COLUMN size_in_bytes bigint;
