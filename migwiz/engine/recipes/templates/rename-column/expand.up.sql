-- migwiz:phase=expand
-- migwiz:lock-timeout=2s
-- Rename {table}.{column} to {new_column}. Expand: the new column, kept in step both ways by a trigger
-- (old code writes {column}, new code writes {new_column}).
ALTER TABLE {table} ADD COLUMN {new_column} {type};

{sync}
