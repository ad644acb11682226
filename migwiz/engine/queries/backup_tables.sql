-- Tables (with data) among the given qualified names, expanded to every partition and inheritance child.
WITH RECURSIVE wanted AS (
    SELECT c.oid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE (n.nspname, c.relname) IN (SELECT s, r FROM unnest(%(schemas)s::text[], %(names)s::text[]) AS u(s, r))
      AND c.relkind IN ('r', 'p', 'm')
  UNION
    SELECT i.inhrelid
    FROM pg_inherits i
    JOIN wanted w ON w.oid = i.inhparent
)
SELECT n.nspname, c.relname, c.relkind
FROM wanted w
JOIN pg_class c ON c.oid = w.oid
JOIN pg_namespace n ON n.oid = c.relnamespace
ORDER BY 1, 2
