-- modify "customers" table
ALTER TABLE "customers" ADD COLUMN "timezone" character varying NULL;
