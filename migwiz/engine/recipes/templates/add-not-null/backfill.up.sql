-- migwiz:phase=backfill
-- migwiz:backfill
-- Fill the NULLs written before the expand.
UPDATE {table} SET {column} = {fill} WHERE {column} IS NULL;
