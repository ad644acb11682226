alter table programindicator add column if not exists "orgunitfield" text;
