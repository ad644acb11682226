-- migwiz:lock-timeout=2s
ALTER TABLE {table} ADD COLUMN {column} {type};
-- migwiz:ignore unbatched-update rolling back a contract restores every row at once
UPDATE {table} SET {column} = {new_column};

{sync}
