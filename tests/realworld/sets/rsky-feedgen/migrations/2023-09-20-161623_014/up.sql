-- Your SQL goes here
ALTER TABLE public.visitor 
ADD COLUMN feed VARCHAR;