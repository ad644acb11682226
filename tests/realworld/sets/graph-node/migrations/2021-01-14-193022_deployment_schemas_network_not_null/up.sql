alter table deployment_schemas
  alter column network set not null;
