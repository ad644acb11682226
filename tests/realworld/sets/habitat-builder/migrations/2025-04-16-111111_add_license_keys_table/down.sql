DROP TABLE IF EXISTS license_keys CASCADE;
DROP SEQUENCE IF EXISTS license_keys_id_seq;
