CREATE FUNCTION {function}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.{column} IS NULL THEN
        NEW.{column} := (SELECT {fill} FROM (SELECT (NEW).*) AS migwiz_row);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER {trigger}
    BEFORE INSERT OR UPDATE OF {column} ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
