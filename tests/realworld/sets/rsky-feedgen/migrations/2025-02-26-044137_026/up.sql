-- !no-transaction
-- CREATE INDEX CONCURRENTLY video_posturi_idx ON video("postUri");
SELECT 1;