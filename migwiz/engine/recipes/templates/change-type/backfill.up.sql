-- migwiz:phase=backfill
-- migwiz:backfill
-- Fill {new_column} for the rows written before the expand (in primary-key batches, resumable).
UPDATE {table} SET {new_column} = {using} WHERE {new_column} IS DISTINCT FROM ({using});
