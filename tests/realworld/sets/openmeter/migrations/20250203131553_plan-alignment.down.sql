-- reverse: modify "plans" table
ALTER TABLE "plans" DROP COLUMN "billables_must_align";
