create extension if not exists postgres_fdw;
