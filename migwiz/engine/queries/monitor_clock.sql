-- Monitor: the server clock for Snapshot.taken_at (every PostgreSQL version).
SELECT pg_catalog.now() AS taken_at
