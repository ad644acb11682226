-- reverse: modify "charge_flat_fee_overrides" table
ALTER TABLE "charge_flat_fee_overrides" DROP COLUMN "discounts";
