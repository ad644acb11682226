alter table trackedentityinstancefilter add column if not exists translations jsonb;
alter table programstageinstancefilter add column if not exists translations jsonb;