-- reverse: modify "subscription_phases" table
ALTER TABLE "subscription_phases" DROP COLUMN "sort_hint";
