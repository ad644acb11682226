-- Add a description column to the repositories table.

ALTER TABLE repositories ADD COLUMN description TEXT;
