-- modify "customers" table
ALTER TABLE "customers" DROP COLUMN "tax_provider", DROP COLUMN "invoicing_provider", DROP COLUMN "payment_provider";
