-- migwiz:phase=contract
-- migwiz:lock-timeout=2s
-- Contract: the index becomes the constraint, without another build.
ALTER TABLE {table} ADD CONSTRAINT {constraint} UNIQUE USING INDEX {index};
