-- Your SQL goes here
ALTER TABLE signatures
  ALTER COLUMN public_key TYPE TEXT;