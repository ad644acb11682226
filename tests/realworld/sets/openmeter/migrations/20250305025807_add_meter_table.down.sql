-- reverse create table "meters"
DROP TABLE "meters";

-- reverse create index "meter_id"
DROP INDEX IF EXISTS "meter_id";
