BEGIN;
ALTER TYPE catalog_merge_type RENAME VALUE 'from_father' TO 'from_parent';
ALTER TYPE catalog_merge_type RENAME VALUE 'from_son' TO 'from_child';
COMMIT;

