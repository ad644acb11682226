-- The extensions a database has besides plpgsql (the dry run creates them on its scratch server).
SELECT extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql'
