-- migwiz:lock-timeout=2s
ALTER TABLE {table} ALTER COLUMN {column} DROP NOT NULL;

{sync}
