-- What exists before AppFlowy-Cloud's first sqlx migration: GoTrue (its authentication service, which
-- migrates its own `auth` schema first) owns `auth.users`, whose `id` 20231130150001_user_id_foreign_key
-- references. Only that column is needed here.
CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE IF NOT EXISTS auth.users (id uuid PRIMARY KEY);
