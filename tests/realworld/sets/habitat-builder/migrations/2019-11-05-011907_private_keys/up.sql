ALTER TABLE origin_secret_keys
  ADD COLUMN encryption_key_rev text;