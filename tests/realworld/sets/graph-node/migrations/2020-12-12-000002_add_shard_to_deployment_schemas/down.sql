alter table deployment_schemas
 drop column shard;
