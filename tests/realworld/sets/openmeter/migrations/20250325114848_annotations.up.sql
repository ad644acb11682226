-- modify "entitlements" table
ALTER TABLE "entitlements" ADD COLUMN "annotations" jsonb NULL;
