-- !no-transaction
-- DROP INDEX CONCURRENTLY IF EXISTS video_postcid_idx;
SELECT 1;