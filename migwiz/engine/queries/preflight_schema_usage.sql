-- preflight: USAGE on migwiz's schema (parameter: its name).
SELECT has_schema_privilege(%s::text, 'USAGE')
