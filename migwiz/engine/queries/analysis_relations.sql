-- analysis: user relations with kind, parent (partition or inheritance), row estimate and whether the
-- relation is its parent's DEFAULT partition, its tablespace (NULL: the database's default) and, for views
-- and materialized views, their definition; whether it is UNLOGGED, its table access method and, for a
-- partitioned table, the columns of its partition key (none for an expression); whether a table's data file
-- is empty (it has never held a row; the file's size, no data read).
SELECT n.nspname || '.' || c.relname AS name,
       c.relkind::text AS kind,
       (SELECT pn.nspname || '.' || p.relname
          FROM pg_catalog.pg_inherits i
          JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
          JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
         WHERE i.inhrelid = c.oid
         ORDER BY i.inhseqno LIMIT 1) AS parent,
       c.reltuples::bigint AS estimated_rows,
       c.oid IN (SELECT pt.partdefid FROM pg_catalog.pg_partitioned_table pt) AS is_default,
       (SELECT t.spcname FROM pg_catalog.pg_tablespace t WHERE t.oid = c.reltablespace) AS tablespace,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END AS definition,
       c.relpersistence = 'u' AS unlogged,
       (SELECT am.amname FROM pg_catalog.pg_am am WHERE am.oid = c.relam) AS access_method,
       ARRAY(SELECT a.attname::text
               FROM pg_catalog.pg_partitioned_table pt,
                    unnest(pt.partattrs::int2[]) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
              WHERE pt.partrelid = c.oid
              ORDER BY k.ord) AS partition_key,
       c.relkind = 'r' AND pg_catalog.pg_relation_size(c.oid) = 0 AS empty
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
ORDER BY 1
