-- migwiz:phase=contract
-- migwiz:lock-timeout=2s
-- Contract: once no deployed code uses {column}, drop it and the trigger. Indexes, constraints and
-- defaults of {column} are not carried over: recreate those you need on {new_column} first.
DROP TRIGGER {trigger} ON {table};
DROP FUNCTION {function}();
ALTER TABLE {table} DROP COLUMN {column};
