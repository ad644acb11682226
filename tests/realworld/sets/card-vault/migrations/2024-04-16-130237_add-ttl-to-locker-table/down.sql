-- This file should undo anything in `up.sql`

ALTER TABLE locker DROP COLUMN IF EXISTS ttl;