-- runner: end leftover executor sessions (their migration transaction is rolled back)
SELECT pg_catalog.pg_terminate_backend(pid) FROM unnest(%s::int[]) pid
