-- Your SQL goes here
ALTER TABLE public.post 
ADD COLUMN "text" VARCHAR,
ADD COLUMN lang VARCHAR;