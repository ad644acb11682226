-- This file should undo anything in `up.sql`
DROP TABLE IF EXISTS nft_metadata_crawler.parsed_asset_uris;
DROP TABLE IF EXISTS nft_metadata_crawler.ledger_infos;
DROP SCHEMA IF EXISTS nft_metadata_crawler CASCADE;