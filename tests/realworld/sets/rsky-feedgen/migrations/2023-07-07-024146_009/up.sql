-- Your SQL goes here
ALTER TABLE public.like 
ALTER COLUMN sequence TYPE bigint;