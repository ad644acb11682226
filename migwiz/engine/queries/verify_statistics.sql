-- When a table's planner statistics were last gathered (manual or automatic ANALYZE).
SELECT greatest(last_analyze, last_autoanalyze) AS analyzed_at, n_live_tup AS live_rows
FROM pg_stat_user_tables
WHERE relid = to_regclass(%(table)s)
