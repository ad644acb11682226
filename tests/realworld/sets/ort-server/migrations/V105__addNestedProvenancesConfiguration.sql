ALTER TABLE nested_provenances
    ADD COLUMN vcs_plugin_configs text DEFAULT NULL;
