-- plan: one hash of the user schema (relations, columns, constraints, indexes, views, functions, types,
-- triggers, policies, extensions, database settings): a dry run proven on a schema with the same hash is
-- reused. Cheap: the catalog only, no table is locked or read. Roles are cluster-wide and not in it.
WITH parts AS (
    SELECT 'n ' || n.nspname AS part
    FROM pg_catalog.pg_namespace n
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%'
      AND n.nspname NOT LIKE 'pg_toast_temp%'
    UNION ALL
    SELECT 'r ' || c.oid::regclass::text || ' ' || c.relkind::text || ' ' || c.relpersistence::text
           || coalesce(' ' || pg_catalog.pg_get_viewdef(c.oid), '') || coalesce(' ' || am.amname, '')
           || coalesce(' ' || pg_catalog.pg_get_expr(c.relpartbound, c.oid), '')
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind <> 't'
      AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
    UNION ALL
    SELECT 'a ' || a.attrelid::regclass::text || ' ' || a.attnum || ' ' || a.attname || ' '
           || pg_catalog.format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' || a.attisdropped
           || ' ' || a.attidentity::text || ' ' || a.attgenerated::text
           || coalesce(' ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND c.relkind <> 't'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
    UNION ALL
    SELECT 'c ' || co.conrelid::regclass::text || ' ' || co.contypid::regtype::text || ' ' || co.conname || ' '
           || pg_catalog.pg_get_constraintdef(co.oid) || ' ' || co.convalidated
    FROM pg_catalog.pg_constraint co
    JOIN pg_catalog.pg_namespace n ON n.oid = co.connamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    UNION ALL
    SELECT 'i ' || pg_catalog.pg_get_indexdef(i.indexrelid) || ' ' || i.indisvalid
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    UNION ALL
    SELECT 'f ' || p.oid::regprocedure::text || ' ' || pg_catalog.md5(coalesce(p.prosrc, ''))
           || ' ' || p.prorettype::regtype::text
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    UNION ALL
    SELECT 't ' || t.oid::regtype::text || ' ' || t.typtype::text
           || coalesce(' ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                               FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '')
    FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND t.typtype IN ('e', 'd', 'c', 'r', 'm')
    UNION ALL
    SELECT 'g ' || tg.tgrelid::regclass::text || ' ' || pg_catalog.pg_get_triggerdef(tg.oid) || ' ' || tg.tgenabled::text
    FROM pg_catalog.pg_trigger tg
    WHERE NOT tg.tgisinternal
    UNION ALL
    SELECT 'p ' || po.polrelid::regclass::text || ' ' || po.polname || ' ' || po.polcmd::text
           || coalesce(' ' || pg_catalog.pg_get_expr(po.polqual, po.polrelid), '')
           || coalesce(' ' || pg_catalog.pg_get_expr(po.polwithcheck, po.polrelid), '')
    FROM pg_catalog.pg_policy po
    UNION ALL
    SELECT 'x ' || e.extname || ' ' || e.extversion FROM pg_catalog.pg_extension e

    UNION ALL
    SELECT 's ' || pg_catalog.array_to_string(s.setconfig, ',')
    FROM pg_catalog.pg_db_role_setting s
    WHERE s.setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
      AND s.setrole = 0
)
SELECT pg_catalog.md5(coalesce(string_agg(part, E'\n' ORDER BY part COLLATE "C"), '')) FROM parts
