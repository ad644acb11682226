-- !no-transaction
-- DROP INDEX CONCURRENTLY IF EXISTS idx_membership_list_included;
-- DROP INDEX CONCURRENTLY IF EXISTS idx_like_author_indexed;
-- DROP INDEX CONCURRENTLY IF EXISTS idx_post_quoteuri_indexed;
SELECT 1;