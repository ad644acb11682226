-- backfill brakes: (calls, total ms in the column placeholder) of the application's statements in pg_stat_statements,
-- leaving out migwiz's own (parameter schema: its name, quoted) and the brakes' probes.
SELECT coalesce(sum(s.calls), 0)::float8, coalesce(sum(s.{column}), 0)::float8 FROM pg_stat_statements s
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND position(%(schema)s IN s.query) = 0 AND s.query NOT LIKE '%%pg_stat_statements%%'
  AND s.query NOT LIKE '%%txid_current%%'
