DROP TABLE tenant_shards;
