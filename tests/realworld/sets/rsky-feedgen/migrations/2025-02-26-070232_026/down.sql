-- !no-transaction
-- DROP INDEX CONCURRENTLY IF EXISTS image_postcid_idx;
SELECT 1;