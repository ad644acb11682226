
alter table "dashboard" add column if not exists "embedded" jsonb null;
