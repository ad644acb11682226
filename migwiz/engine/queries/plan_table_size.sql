-- calibrate: pg_table_size (heap, TOAST, maps) of a table (parameter: its name).
SELECT pg_catalog.pg_table_size(%s::regclass)
