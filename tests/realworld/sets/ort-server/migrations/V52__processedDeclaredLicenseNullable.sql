ALTER TABLE processed_declared_licenses ALTER COLUMN spdx_expression DROP NOT NULL;
