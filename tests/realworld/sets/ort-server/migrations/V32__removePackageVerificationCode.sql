ALTER TABLE scan_summaries
DROP COLUMN package_verification_code;
