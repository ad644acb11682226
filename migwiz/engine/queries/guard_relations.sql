-- guard: the oids of relations (parameters: their schemas and their names, pairwise), each with its 1-based position.
SELECT q.i, c.oid::bigint
FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY q(s, r, i)
JOIN pg_catalog.pg_namespace n ON n.nspname = q.s
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = q.r
