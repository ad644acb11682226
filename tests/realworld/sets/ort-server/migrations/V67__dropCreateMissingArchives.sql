ALTER TABLE scanner_configurations
    DROP COLUMN create_missing_archives;
