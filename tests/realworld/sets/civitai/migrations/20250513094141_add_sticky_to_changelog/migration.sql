ALTER TABLE "Changelog" ADD COLUMN "sticky" boolean NOT NULL DEFAULT false;
