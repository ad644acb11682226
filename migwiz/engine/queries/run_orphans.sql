-- runner: executor sessions of this schema that a killed migwiz run left on the server
SELECT pid, state, coalesce(query, ''), backend_start
FROM pg_catalog.pg_stat_activity
WHERE datname = pg_catalog.current_database() AND application_name = %s AND pid <> pg_catalog.pg_backend_pid()
