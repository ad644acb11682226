ALTER TABLE safekeepers ADD https_port INTEGER;
