-- migwiz:phase=expand
-- migwiz:lock-timeout=2s
-- Split {table}.{column} into {first} and {second}. Expand: the two columns, kept in step with every
-- write to {column} by a trigger.
ALTER TABLE {table} ADD COLUMN {first} {first_type}, ADD COLUMN {second} {second_type};

{sync}
