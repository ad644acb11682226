ALTER type catalog_branch_export_status ADD VALUE IF NOT EXISTS 'export-repaired';
