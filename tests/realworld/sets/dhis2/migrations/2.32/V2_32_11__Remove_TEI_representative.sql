
alter table trackedentityinstance drop column if exists representativeid;
