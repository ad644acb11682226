-- !no-transaction
-- CREATE INDEX CONCURRENTLY video_postcid_idx ON video("postCid");
SELECT 1;