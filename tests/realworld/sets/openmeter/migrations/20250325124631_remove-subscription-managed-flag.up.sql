-- modify "entitlements" table
ALTER TABLE "entitlements" DROP COLUMN "subscription_managed";
