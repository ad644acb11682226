alter table subgraphs.subgraph_deployment
    drop column firehose_cursor;
