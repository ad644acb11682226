-- Status: for each given migration version, its newest stop or failure in the central log (a stop between
-- two statements of a no-transaction migration, or a failed statement), so a part-applied migration that
-- was stopped reads `stopped`, not `failed`. Parameter: the versions (text[]) of part-applied history rows.
SELECT DISTINCT ON (e.data ->> 'version')
    e.data ->> 'version' AS version,
    e.step,
    (e.data ->> 'statement')::integer AS statement,
    e.data ->> 'reason' AS reason,
    e.at
FROM {events} AS e
WHERE e.data ->> 'version' = ANY(%s)
  AND (e.step = 'stop' OR (e.step = 'migration' AND e.level = 'error'))
ORDER BY e.data ->> 'version', e.id DESC
