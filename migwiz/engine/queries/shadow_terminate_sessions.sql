-- End every other session connected to a database about to be dropped. parameter: the database name.
SELECT pg_catalog.pg_terminate_backend(pid)
FROM pg_catalog.pg_stat_activity
WHERE datname = %s AND pid <> pg_catalog.pg_backend_pid()
