-- Statements pg_stat_statements has seen in this database: id, calls so far, normalised text.
SELECT queryid, sum(calls)::bigint, min(query)
FROM pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL
GROUP BY queryid
