-- demo: the comment of a database ('' when none), where the demo marks the databases it built.
-- parameter: the database name.
SELECT coalesce(pg_catalog.shobj_description(oid, 'pg_database'), '')
FROM pg_catalog.pg_database
WHERE datname = %s
