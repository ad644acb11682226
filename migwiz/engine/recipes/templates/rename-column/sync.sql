CREATE FUNCTION {function}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.{new_column} IS NULL THEN
            NEW.{new_column} := NEW.{column};
        ELSIF NEW.{column} IS NULL THEN
            NEW.{column} := NEW.{new_column};
        END IF;
    ELSIF NEW.{column} IS DISTINCT FROM OLD.{column} THEN
        NEW.{new_column} := NEW.{column};
    ELSIF NEW.{new_column} IS DISTINCT FROM OLD.{new_column} THEN
        NEW.{column} := NEW.{new_column};
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER {trigger}
    BEFORE INSERT OR UPDATE OF {column}, {new_column} ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
