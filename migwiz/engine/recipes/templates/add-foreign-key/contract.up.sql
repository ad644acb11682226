-- migwiz:phase=contract
-- migwiz:lock-timeout=2s
-- Contract: check the rows already there. VALIDATE takes SHARE UPDATE EXCLUSIVE: writes go on.
ALTER TABLE {table} VALIDATE CONSTRAINT {constraint};
