-- migwiz:lock-timeout=2s
ALTER TABLE {table} DROP CONSTRAINT {constraint};
