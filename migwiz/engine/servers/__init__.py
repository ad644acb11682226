"""PostgreSQL servers: connections, local throw-away servers, client programs, extensions, targets."""
