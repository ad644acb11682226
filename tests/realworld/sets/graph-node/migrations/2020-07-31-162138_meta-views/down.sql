drop schema if exists meta cascade;
