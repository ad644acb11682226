
alter table trackedentityinstance add column if not exists "storedby" varchar(255);