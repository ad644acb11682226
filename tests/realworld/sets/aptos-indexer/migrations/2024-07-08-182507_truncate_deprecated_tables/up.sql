---- Delete the data inside the tables
SELECT 1;
-- If you don't need the data and would like to delete, you could uncomment to run it.
--TRUNCATE TABLE move_resources;
--TRUNCATE TABLE write_set_changes;
--TRUNCATE TABLE transactions;
