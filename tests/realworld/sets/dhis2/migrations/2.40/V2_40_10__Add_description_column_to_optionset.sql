alter table optionset add column if not exists "description" text;
