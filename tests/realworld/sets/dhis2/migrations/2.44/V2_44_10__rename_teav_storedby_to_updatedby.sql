ALTER TABLE trackedentityattributevalue RENAME COLUMN storedby TO updatedby;
