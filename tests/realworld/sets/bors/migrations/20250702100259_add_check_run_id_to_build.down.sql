-- Add down migration script here
ALTER TABLE build DROP COLUMN check_run_id;
