ALTER TABLE catalog_branches_export DROP COLUMN IF EXISTS continuous;
