-- This file should undo anything in `up.sql`\
DROP TABLE IF EXISTS nft_points;
DROP INDEX IF EXISTS np_oa_idx;
DROP INDEX IF EXISTS np_tt_oa_idx;
DROP INDEX IF EXISTS np_insat_idx;