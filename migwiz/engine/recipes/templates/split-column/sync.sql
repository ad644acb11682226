CREATE FUNCTION {function}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    SELECT {first_expr}, {second_expr} INTO NEW.{first}, NEW.{second}
    FROM (SELECT NEW.{column} AS {column}) AS migwiz_row;
    RETURN NEW;
END;
$$;

CREATE TRIGGER {trigger}
    BEFORE INSERT OR UPDATE OF {column} ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
