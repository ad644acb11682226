-- drift: the history tables `migwiz adopt` imported from (tool and schema.table, from its runs' details),
-- left in place by the adoption and not part of the schema the migrations build
SELECT DISTINCT details->>'tool', details->>'table'
FROM {runs}
WHERE command = 'adopt' AND outcome = 'success' AND details ? 'table'
