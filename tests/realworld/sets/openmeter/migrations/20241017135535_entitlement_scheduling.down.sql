-- reverse: modify "entitlements" table
ALTER TABLE "entitlements" DROP COLUMN "active_to", DROP COLUMN "active_from";
