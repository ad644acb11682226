-- Drop indices first
DROP INDEX IF EXISTS fatcm_coin_type_idx;
-- Drop the table
DROP TABLE IF EXISTS fungible_asset_to_coin_mappings;