-- analysis: the schema named after the connection's role, if it exists: what `$user` in a search_path a
-- migration sets stands for.
SELECT n.nspname::text FROM pg_catalog.pg_namespace n WHERE n.nspname = pg_catalog.current_user()
