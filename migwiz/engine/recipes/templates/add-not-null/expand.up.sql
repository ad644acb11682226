-- migwiz:phase=expand
-- migwiz:lock-timeout=2s
-- Make {table}.{column} NOT NULL. Expand: a trigger fills {column} on every write that leaves it NULL.
{sync}
