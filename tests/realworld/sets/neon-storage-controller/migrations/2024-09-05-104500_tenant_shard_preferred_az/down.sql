ALTER TABLE tenant_shards DROP preferred_az_id;
