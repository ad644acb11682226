ALTER TABLE ort_runs
    ADD COLUMN environment_config_path text NULL;
