-- runner: the table of an index (parameter: the index's oid).
SELECT indrelid::bigint FROM pg_catalog.pg_index WHERE indexrelid = %s
