-- Constraints added NOT VALID and never validated (check, foreign key and, on 18+, NOT NULL).
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_name,
       con.conname AS constraint_name,
       quote_ident(con.conname) AS quoted_name,
       con.contype AS contype
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT con.convalidated
  AND con.conparentid = 0
  AND n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
ORDER BY 1, 2
