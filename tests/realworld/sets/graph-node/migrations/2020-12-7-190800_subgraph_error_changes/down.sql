alter table
    subgraphs.subgraph_error
drop
    column created_at;
