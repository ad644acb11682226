-- dry run: the columns a sample copies (stored ones, in order; generated columns are computed again).
-- parameter: the table, schema-qualified.
SELECT attname
FROM pg_catalog.pg_attribute
WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
ORDER BY attnum
