-- The wizard's first look at a target: server, database, user, size, role and our backend's pid.
-- Version-independent and read-only. Run twice: a different pid the second time means a pooler in
-- transaction mode hands each transaction to another backend.
SELECT pg_catalog.current_setting('server_version') AS server_version,
       pg_catalog.current_setting('server_version_num')::int AS server_version_num,
       pg_catalog.current_database() AS database,
       current_user AS db_user,
       pg_catalog.pg_database_size(pg_catalog.current_database()) AS size_bytes,
       pg_catalog.pg_is_in_recovery() AS in_recovery,
       pg_catalog.pg_backend_pid() AS pid
