ALTER TABLE ort_runs
    ADD COLUMN path text NULL;
