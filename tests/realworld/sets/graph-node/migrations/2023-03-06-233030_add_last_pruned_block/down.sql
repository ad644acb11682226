alter table subgraphs.table_stats
      drop column last_pruned_block;
