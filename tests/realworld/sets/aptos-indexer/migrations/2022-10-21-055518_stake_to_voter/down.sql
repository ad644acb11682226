-- This file should undo anything in `up.sql`
DROP TABLE IF EXISTS current_staking_pool_voter;