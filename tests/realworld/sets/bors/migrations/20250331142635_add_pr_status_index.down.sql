-- Add down migration script here
DROP INDEX IF EXISTS pull_request_status_idx;