DROP INDEX IF EXISTS splits_index_uid_idx;
