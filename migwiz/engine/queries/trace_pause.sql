-- trace: an end-of-command pause for observed statements. Event triggers fire before the command's
-- last transaction commits, while it still holds its final locks; a session that set
-- migwiz.trace_pause = on waits there on an advisory lock the observer holds until it has looked.
CREATE SCHEMA {schema};
CREATE FUNCTION {schema}.pause() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF pg_catalog.current_setting('migwiz.trace_pause', true) = 'on' THEN
        PERFORM pg_catalog.pg_advisory_xact_lock_shared({key});
    END IF;
END
$fn$;
CREATE EVENT TRIGGER {on_end} ON ddl_command_end EXECUTE PROCEDURE {schema}.pause();
CREATE EVENT TRIGGER {on_drop} ON sql_drop EXECUTE PROCEDURE {schema}.pause();
