-- migwiz:phase=backfill
-- migwiz:backfill
-- Copy {column} into {new_column} for the rows written before the expand.
UPDATE {table} SET {new_column} = {column} WHERE {new_column} IS DISTINCT FROM {column};
