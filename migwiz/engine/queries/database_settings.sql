-- The settings of one database for every role (`ALTER DATABASE … SET`), as `name=value` items: a
-- `CREATE DATABASE … TEMPLATE` copy does not carry them (pg_db_role_setting is keyed by the OID).
SELECT pg_catalog.unnest(s.setconfig)
FROM pg_catalog.pg_db_role_setting s
JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase
WHERE d.datname = %s AND s.setrole = 0
