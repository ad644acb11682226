-- Diesel: one row per applied migration (version = the folder name's prefix without dashes).
SELECT version::text, run_on::timestamptz FROM {table} ORDER BY run_on, version
