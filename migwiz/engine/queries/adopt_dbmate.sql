-- dbmate: one row per applied version (it keeps no timestamps).
SELECT version::text FROM {table} ORDER BY version
