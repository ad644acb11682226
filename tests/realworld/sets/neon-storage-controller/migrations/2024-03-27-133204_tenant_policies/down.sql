-- This file should undo anything in `up.sql`

ALTER TABLE tenant_shards drop scheduling_policy;