-- plan: size, row estimate, column widths and indexes of the relations a pending migration touches.
-- %(names)s: schema-qualified names as static analysis spells them (`public.users`, unquoted).
WITH wanted AS (
    SELECT c.oid, n.nspname, c.relname, n.nspname || '.' || c.relname AS name, c.relkind, c.reltuples,
           c.relpages
    FROM pg_catalog.pg_class AS c
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    WHERE n.nspname || '.' || c.relname = ANY(%(names)s::text[])
      AND c.relkind IN ('r', 'p', 'm', 'i', 'I', 'S', 'f')
)
SELECT
    w.name,
    w.oid::bigint AS oid,
    w.relkind::text AS kind,
    pg_catalog.pg_total_relation_size(w.oid) AS total_bytes,
    pg_catalog.pg_table_size(w.oid) AS table_bytes,
    pg_catalog.pg_indexes_size(w.oid) AS index_bytes,
    pg_catalog.pg_relation_size(w.oid) AS main_bytes,
    w.reltuples::float8 AS reltuples,
    w.relpages::bigint AS relpages,
    pg_catalog.current_setting('block_size')::integer AS block_size,
    coalesce((
        SELECT pg_catalog.jsonb_object_agg(a.attname, coalesce(s.avg_width,
                   CASE WHEN a.attlen > 0 THEN a.attlen ELSE 32 END))
        FROM pg_catalog.pg_attribute AS a
        LEFT JOIN pg_catalog.pg_stats AS s
          ON s.schemaname = w.nspname AND s.tablename = w.relname AND s.attname = a.attname
         AND NOT s.inherited
        WHERE a.attrelid = w.oid AND a.attnum > 0 AND NOT a.attisdropped
    ), '{}'::jsonb) AS column_widths,
    coalesce((
        SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                   'name', w.nspname || '.' || ic.relname,
                   'bytes', pg_catalog.pg_relation_size(i.indexrelid),
                   'columns', (SELECT pg_catalog.array_agg(coalesce(a.attname, ''))
                               FROM pg_catalog.unnest(i.indkey::int2[]) AS k(attnum)
                               LEFT JOIN pg_catalog.pg_attribute AS a
                                 ON a.attrelid = w.oid AND a.attnum = k.attnum)))
        FROM pg_catalog.pg_index AS i
        JOIN pg_catalog.pg_class AS ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = w.oid
    ), '[]'::jsonb) AS indexes,
    (SELECT tn.nspname || '.' || tc.relname
       FROM pg_catalog.pg_index AS ti
       JOIN pg_catalog.pg_class AS tc ON tc.oid = ti.indrelid
       JOIN pg_catalog.pg_namespace AS tn ON tn.oid = tc.relnamespace
      WHERE ti.indexrelid = w.oid) AS index_table
FROM wanted AS w
ORDER BY w.name
