-- migwiz:no-transaction
-- migwiz:lock-timeout=2s
ALTER TABLE {table} DROP CONSTRAINT {constraint};
CREATE UNIQUE INDEX CONCURRENTLY {index} ON {table} ({columns});
