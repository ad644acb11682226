-- demo: whether the database has the pg_stat_statements extension (1) or not (0).
SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'pg_stat_statements'
