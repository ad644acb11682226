ALTER TABLE shards
    DROP IF EXISTS COLUMN doc_mapping_uid;
