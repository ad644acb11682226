-- sqlx: one row per applied version; success is false while a migration failed part-way (sqlx: "dirty").
SELECT version, description, installed_on, success, encode(checksum, 'hex'), execution_time
FROM {table}
ORDER BY version
