
alter table "userinfo" add column if not exists "dataviewmaxorgunitlevel" int4 null;
