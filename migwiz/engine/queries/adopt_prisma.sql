-- Prisma: every attempt, oldest first (a migration may have a rolled-back row and a later finished one).
SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs
FROM {table}
ORDER BY started_at, migration_name
