-- No schema changes, migration is only there to trigger remapping of
-- foreign metadata
select 1;
