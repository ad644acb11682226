-- backfill by blocks: the transaction id now, the file node and the last block of a table (parameters: its name, twice).
SELECT pg_catalog.txid_current()::text, pg_catalog.pg_relation_filenode(%s::regclass)::bigint,
       (pg_catalog.pg_relation_size(%s::regclass) / current_setting('block_size')::int - 1)::bigint
