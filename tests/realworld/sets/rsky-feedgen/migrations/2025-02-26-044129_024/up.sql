-- !no-transaction
-- CREATE INDEX CONCURRENTLY image_posturi_idx ON image("postUri");
SELECT 1;