-- migwiz:phase=contract
-- migwiz:lock-timeout=2s
-- Contract: {column} becomes the {to_type} column. Indexes, constraints and defaults of the old
-- column are not carried over: recreate those you need on {new_column} before this step.
DROP TRIGGER {trigger} ON {table};
DROP FUNCTION {function}();
ALTER TABLE {table} DROP COLUMN {column};
-- migwiz:ignore rename-column the old name keeps working: it now names the converted column
ALTER TABLE {table} RENAME COLUMN {new_column} TO {column};
