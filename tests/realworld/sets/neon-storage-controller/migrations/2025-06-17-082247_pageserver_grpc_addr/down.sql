ALTER TABLE nodes DROP listen_grpc_addr, listen_grpc_port;
