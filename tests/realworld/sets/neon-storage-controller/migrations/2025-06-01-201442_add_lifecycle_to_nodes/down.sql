ALTER TABLE nodes DROP COLUMN lifecycle;
