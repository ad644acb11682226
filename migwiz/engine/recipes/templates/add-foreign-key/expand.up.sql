-- migwiz:phase=expand
-- migwiz:lock-timeout=2s
-- Add a foreign key {table}.{column} -> {ref_table}.{ref_column}. Expand: NOT VALID, so it is checked
-- for every new write at once, without scanning the rows already there.
ALTER TABLE {table}
    ADD CONSTRAINT {constraint} FOREIGN KEY ({column}) REFERENCES {ref_table} ({ref_column}) NOT VALID;
