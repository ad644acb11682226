ALTER TABLE ort_runs ADD COLUMN ort_server_version TEXT NULL;
