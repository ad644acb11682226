-- migwiz:lock-timeout=2s
ALTER TABLE {table} RENAME COLUMN {column} TO {new_column};
ALTER TABLE {table} ADD COLUMN {column} {from_type};
-- migwiz:ignore unbatched-update rolling back a contract restores every row at once
UPDATE {table} SET {column} = (SELECT {back} FROM (SELECT {table}.{new_column} AS {column}) AS migwiz_row);

CREATE FUNCTION {function}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.{new_column} := (SELECT {using} FROM (SELECT NEW.{column} AS {column}) AS migwiz_row);
    RETURN NEW;
END;
$$;

CREATE TRIGGER {trigger}
    BEFORE INSERT OR UPDATE OF {column} ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
