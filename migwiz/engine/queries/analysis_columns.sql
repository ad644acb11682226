-- analysis: columns of user relations: type name, type modifier, nullability, generation (s/v/'').
SELECT n.nspname || '.' || c.relname AS relation,
       a.attname AS column_name,
       t.typname AS type_name,
       t.typtype::text AS type_kind,
       a.atttypmod AS type_mod,
       a.attnotnull AS not_null,
       a.attgenerated::text AS generated
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
ORDER BY 1, a.attnum
