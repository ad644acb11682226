BEGIN;

DROP TABLE IF EXISTS auth_expired_tokens;

COMMIT;
