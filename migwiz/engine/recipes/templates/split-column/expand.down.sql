-- migwiz:lock-timeout=2s
DROP TRIGGER {trigger} ON {table};
DROP FUNCTION {function}();
ALTER TABLE {table} DROP COLUMN {first}, DROP COLUMN {second};
