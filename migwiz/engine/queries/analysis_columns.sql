-- analysis: columns of user relations: type name, type modifier, nullability, generation (s/v/''),
-- identity (a/d/'') and the sequences the column needs (its default's, an identity column's own).
SELECT n.nspname || '.' || c.relname AS relation,
       a.attname AS column_name,
       t.typname AS type_name,
       t.typtype::text AS type_kind,
       a.atttypmod AS type_mod,
       a.attnotnull AS not_null,
       a.attgenerated::text AS generated,
       a.attidentity::text AS identity,
       ARRAY(SELECT sn.nspname || '.' || s.relname
               FROM pg_catalog.pg_depend d
               JOIN pg_catalog.pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
               JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
               JOIN pg_catalog.pg_attrdef ad ON ad.oid = d.objid
              WHERE d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
                AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                AND ad.adrelid = a.attrelid AND ad.adnum = a.attnum
             UNION
             SELECT sn.nspname || '.' || s.relname
               FROM pg_catalog.pg_depend d
               JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
               JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
              WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'i') AS sequences
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
ORDER BY 1, a.attnum
