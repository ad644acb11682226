-- Your SQL goes here
ALTER TABLE post 
ALTER COLUMN sequence TYPE bigint;