-- Installed extensions (their member objects are left out of every other query).
SELECT quote_ident(x.extname) AS name,
       quote_ident(n.nspname) AS schema,
       x.extversion AS version,
       obj_description(x.oid, 'pg_extension') AS comment
FROM pg_extension x
JOIN pg_namespace n ON n.oid = x.extnamespace
WHERE n.nspname <> ALL(%(exclude)s)
