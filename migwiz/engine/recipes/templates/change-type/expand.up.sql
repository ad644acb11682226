-- migwiz:phase=expand
-- migwiz:lock-timeout=2s
-- Change {table}.{column} from {from_type} to {to_type}. Expand: a new column, kept in step with
-- every write to {column} by a trigger while old and new code run side by side.
ALTER TABLE {table} ADD COLUMN {new_column} {to_type};

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
