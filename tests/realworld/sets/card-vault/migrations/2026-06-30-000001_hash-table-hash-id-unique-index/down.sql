DROP INDEX CONCURRENTLY IF EXISTS hash_table_hash_id_key_idx;
