-- Add up migration script here
ALTER TABLE pull_request DROP COLUMN rollup;
