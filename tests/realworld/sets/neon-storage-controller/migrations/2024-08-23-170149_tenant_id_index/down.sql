-- This file should undo anything in `up.sql`
DROP INDEX tenant_shards_tenant_id;