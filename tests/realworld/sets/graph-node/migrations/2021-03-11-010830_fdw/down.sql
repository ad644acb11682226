drop extension postgres_fdw;
