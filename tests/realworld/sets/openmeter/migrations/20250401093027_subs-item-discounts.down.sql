-- reverse: modify "subscription_items" table
ALTER TABLE "subscription_items" DROP COLUMN "discounts";
