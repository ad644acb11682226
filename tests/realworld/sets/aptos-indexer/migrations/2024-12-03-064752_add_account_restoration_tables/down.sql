-- This file should undo anything in `up.sql`
DROP TABLE IF EXISTS public_key_auth_keys;
DROP TABLE IF EXISTS auth_key_multikey_layout;
DROP TABLE IF EXISTS auth_key_account_addresses;