-- Your SQL goes here
ALTER TABLE sub_state 
ALTER COLUMN cursor TYPE bigint;