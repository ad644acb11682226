-- calibrate: (schema, name) of the index just built on the calibration sample. parameter: the sample table.
SELECT n.nspname, c.relname
FROM pg_catalog.pg_index AS i
JOIN pg_catalog.pg_class AS c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
WHERE i.indrelid = %s::regclass
