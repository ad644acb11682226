-- migwiz:phase=contract
-- migwiz:no-transaction
-- migwiz:lock-timeout=2s
-- Contract: a CHECK added NOT VALID, validated without blocking writes, lets SET NOT NULL skip its
-- scan (PostgreSQL 12+); then the CHECK and the trigger go. Each statement commits on its own.
ALTER TABLE {table} ADD CONSTRAINT {check} CHECK ({column} IS NOT NULL) NOT VALID;
ALTER TABLE {table} VALIDATE CONSTRAINT {check};
-- migwiz:ignore set-not-null-scan the validated CHECK constraint above proves it without a scan
ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL;
ALTER TABLE {table} DROP CONSTRAINT {check};
DROP TRIGGER {trigger} ON {table};
DROP FUNCTION {function}();
