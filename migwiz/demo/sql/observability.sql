-- The demo server preloads pg_stat_statements when its build ships it, and the shop database has the
-- extension (the contract phase guard reads it): part of the schema before the first migration.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
