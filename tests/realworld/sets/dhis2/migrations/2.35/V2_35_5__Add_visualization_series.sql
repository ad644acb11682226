
-- Add series column to visualization table

alter table visualization add column "series" jsonb;
