-- trace: a row lock on an index's pg_index row, which DDL on the index waits for; oid: the index.
SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = {oid} FOR KEY SHARE
