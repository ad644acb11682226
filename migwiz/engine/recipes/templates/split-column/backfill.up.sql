-- migwiz:phase=backfill
-- migwiz:backfill
-- Fill {first} and {second} for the rows written before the expand.
UPDATE {table} SET {first} = {first_expr}, {second} = {second_expr}
WHERE {first} IS DISTINCT FROM ({first_expr}) OR {second} IS DISTINCT FROM ({second_expr});
