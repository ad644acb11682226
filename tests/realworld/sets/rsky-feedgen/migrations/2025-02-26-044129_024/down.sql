-- !no-transaction
-- DROP INDEX CONCURRENTLY IF EXISTS image_posturi_idx;
SELECT 1;