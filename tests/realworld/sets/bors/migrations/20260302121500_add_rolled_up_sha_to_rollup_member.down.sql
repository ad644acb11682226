ALTER TABLE rollup_member
DROP COLUMN IF EXISTS rolled_up_sha;
