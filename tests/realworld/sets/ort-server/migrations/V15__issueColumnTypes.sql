ALTER TABLE ort_issues
    ALTER COLUMN source TYPE text,
    ALTER COLUMN message TYPE text,
    ALTER COLUMN severity TYPE text;
