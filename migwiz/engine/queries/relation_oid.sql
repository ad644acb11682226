-- The oid of a relation (parameter: its name as SQL text, quoted as needed), NULL when there is none.
SELECT pg_catalog.to_regclass(%s)::oid::bigint
