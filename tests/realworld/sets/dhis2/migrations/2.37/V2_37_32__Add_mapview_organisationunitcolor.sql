
alter table "mapview" add column if not exists "organisationunitcolor" varchar(7);
