-- migwiz:lock-timeout=2s
DROP TRIGGER {trigger} ON {table};
DROP FUNCTION {function}();
