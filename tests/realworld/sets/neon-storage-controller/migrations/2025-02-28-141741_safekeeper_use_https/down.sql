ALTER TABLE safekeepers DROP https_port;
