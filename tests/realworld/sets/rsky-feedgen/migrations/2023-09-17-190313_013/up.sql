-- Your SQL goes here
ALTER TABLE public.image 
ADD COLUMN labels TEXT [];