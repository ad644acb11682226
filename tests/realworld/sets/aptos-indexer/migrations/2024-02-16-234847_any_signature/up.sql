-- Your SQL goes here
ALTER TABLE signatures
ALTER COLUMN signature TYPE text;