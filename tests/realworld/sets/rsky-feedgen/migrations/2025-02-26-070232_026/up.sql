-- !no-transaction
-- CREATE INDEX CONCURRENTLY image_postcid_idx ON image("postCid");
SELECT 1;