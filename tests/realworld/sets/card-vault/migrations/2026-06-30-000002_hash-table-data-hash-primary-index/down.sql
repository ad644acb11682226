DROP INDEX CONCURRENTLY IF EXISTS hash_table_data_hash_pkey_idx;
