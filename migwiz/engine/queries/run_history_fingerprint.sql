-- runner: what a migration may not change in migwiz's history: every row's version, checksum, outcome and
-- progress, taken before its statements and again before its own row is written (same transaction)
SELECT count(*), md5(coalesce(string_agg(version || ':' || checksum || ':' || success::text || ':'
       || coalesce(statements_done, -1)::text, ',' ORDER BY version), ''))
FROM {history}
