-- Whether migwiz's schema holds a table (parameters: the schema and the table, by name, not quoted).
SELECT pg_catalog.to_regclass(pg_catalog.format('%%I.%%I', %s::text, %s::text)) IS NOT NULL
