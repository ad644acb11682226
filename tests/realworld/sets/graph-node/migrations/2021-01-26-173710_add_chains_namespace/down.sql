alter table chains
  drop column namespace;
alter table ethereum_networks
  drop column namespace;
