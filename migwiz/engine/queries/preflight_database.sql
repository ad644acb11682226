-- preflight: the role, the database, whether migwiz's schema exists (parameter: its name, quoted), CREATE on the database.
SELECT current_user, current_database(), to_regnamespace(%s::text) IS NOT NULL,
       has_database_privilege(current_database(), 'CREATE')
