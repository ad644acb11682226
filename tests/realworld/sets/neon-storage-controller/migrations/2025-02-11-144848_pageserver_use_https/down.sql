ALTER TABLE nodes DROP listen_https_port;
