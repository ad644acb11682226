-- migwiz:phase=contract
-- migwiz:lock-timeout=2s
-- Contract: once no deployed code uses {column}, drop it and the trigger.
DROP TRIGGER {trigger} ON {table};
DROP FUNCTION {function}();
ALTER TABLE {table} DROP COLUMN {column};
