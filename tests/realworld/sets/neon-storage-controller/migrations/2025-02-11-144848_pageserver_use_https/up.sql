ALTER TABLE nodes ADD listen_https_port INTEGER;
