-- This file should undo anything in `up.sql`
DROP INDEX IF EXISTS idx_like_subjecturi_indexedat;
DROP INDEX IF EXISTS idx_post_createdAt_cid;
