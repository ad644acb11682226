ALTER TABLE tenant_shards ADD preferred_az_id VARCHAR;
