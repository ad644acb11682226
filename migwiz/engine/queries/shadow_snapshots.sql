-- Snapshot databases on the server and their comment (when each was last used). parameter: the name prefix.
SELECT datname, coalesce(pg_catalog.shobj_description(oid, 'pg_database'), '')
FROM pg_catalog.pg_database
WHERE starts_with(datname, %s)
