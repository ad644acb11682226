ALTER TABLE rule_violations RENAME COLUMN license_source TO license_sources;
