-- Flyway: every attempt in installation order (installed_on is a timestamp in the session's time zone).
SELECT installed_rank, version, description, type, script, checksum, installed_by,
       installed_on::timestamptz, execution_time, success
FROM {table}
ORDER BY installed_rank
