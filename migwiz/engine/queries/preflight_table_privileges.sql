-- preflight: the (table, privilege) pairs of migwiz's own tables the role lacks, among those that exist
-- (parameters: the tables and the privileges, pairwise; the schema's name, twice).
SELECT t, p FROM unnest(%s::text[], %s::text[]) AS wanted(t, p)
WHERE to_regclass(format('%%I.%%I', %s::text, t)) IS NOT NULL
  AND NOT has_table_privilege(to_regclass(format('%%I.%%I', %s::text, t)), p)
