-- migwiz:phase=backfill
-- migwiz:backfill
-- Clear the references that point nowhere (rows written before the expand), so the key validates.
UPDATE {table} SET {column} = NULL
WHERE {column} IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {ref_table} AS migwiz_ref WHERE migwiz_ref.{ref_column} = {table}.{column});
