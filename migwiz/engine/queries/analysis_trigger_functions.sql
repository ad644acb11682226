-- analysis: the function each trigger (not internal) of a user table runs: DROP FUNCTION of it is refused,
-- or with CASCADE drops the trigger under AccessExclusiveLock on the table.
SELECT n.nspname || '.' || c.relname AS relation, t.tgname::text AS name,
       fn.nspname || '.' || p.proname AS function
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = p.pronamespace
WHERE NOT t.tgisinternal AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2
