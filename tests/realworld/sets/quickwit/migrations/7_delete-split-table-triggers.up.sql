DROP TRIGGER IF EXISTS set_split_publish_timestamp_on_split_publish ON splits CASCADE;
DROP TRIGGER IF EXISTS set_update_timestamp ON splits CASCADE;
