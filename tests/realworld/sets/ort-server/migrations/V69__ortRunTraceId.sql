ALTER TABLE ort_runs
    ADD COLUMN trace_id text NULL;
