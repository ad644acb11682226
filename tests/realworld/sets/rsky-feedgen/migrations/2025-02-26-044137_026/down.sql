-- !no-transaction
-- DROP INDEX CONCURRENTLY IF EXISTS video_posturi_idx;
SELECT 1;