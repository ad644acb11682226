-- No down migration for truncate operation
SELECT 1;
