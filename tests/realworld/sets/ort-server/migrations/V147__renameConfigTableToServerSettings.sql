ALTER TABLE config_table RENAME TO server_settings;
