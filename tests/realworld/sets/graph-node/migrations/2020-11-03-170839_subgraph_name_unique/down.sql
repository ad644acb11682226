alter table subgraphs.subgraph
  drop constraint subgraph_name_uq;
