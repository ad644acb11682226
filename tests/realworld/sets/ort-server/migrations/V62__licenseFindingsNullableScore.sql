ALTER TABLE license_findings
    ALTER COLUMN score DROP NOT NULL;
