-- migwiz:phase=expand
-- migwiz:no-transaction
-- Make ({columns}) unique on {table}. Expand: the unique index, built CONCURRENTLY (writes go on).
-- A failed build leaves an invalid index: the DROP makes this step safe to run again.
DROP INDEX CONCURRENTLY IF EXISTS {index};
CREATE UNIQUE INDEX CONCURRENTLY {index} ON {table} ({columns});
