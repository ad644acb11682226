-- trace: relations a non-transactional statement may lock, from the relations its text names: the
-- tables of named indexes, the whole partition/inheritance tree of those tables, and their indexes.
WITH RECURSIVE seed(oid) AS (
    SELECT pg_catalog.unnest(%(oids)s::oid[])
), tables(oid) AS (
    SELECT oid FROM seed
    UNION
    SELECT i.indrelid FROM pg_catalog.pg_index i JOIN seed s ON s.oid = i.indexrelid
), tree(oid) AS (
    SELECT oid FROM tables
    UNION
    SELECT CASE WHEN h.inhrelid = t.oid THEN h.inhparent ELSE h.inhrelid END
    FROM pg_catalog.pg_inherits h JOIN tree t ON t.oid IN (h.inhrelid, h.inhparent)
)
SELECT oid::bigint FROM tree
UNION
SELECT i.indexrelid::bigint FROM pg_catalog.pg_index i JOIN tree t ON t.oid = i.indrelid
