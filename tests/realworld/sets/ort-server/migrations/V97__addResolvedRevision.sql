ALTER TABLE ort_runs
    ADD COLUMN resolved_revision text NULL;
