-- Whether this database has the pg_stat_statements extension (a row) or not (none).
SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'
