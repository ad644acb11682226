-- Segments waiting to be archived (PostgreSQL 12+; needs pg_monitor or superuser).
SELECT count(*) AS ready,
       extract(epoch FROM now() - min(modification))::float8 AS oldest_ready_age_s
FROM pg_ls_archive_statusdir()
WHERE name LIKE '%.ready'
