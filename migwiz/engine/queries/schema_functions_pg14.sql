-- Functions, procedures and aggregates (PostgreSQL 14+: SQL-standard bodies are deparsed).
SELECT p.oid::regprocedure::text AS name,
       p.prokind AS kind,
       pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS result,
       l.lanname AS language,
       p.provolatile AS volatility,
       p.proisstrict AS strict,
       p.prosecdef AS security_definer,
       p.proleakproof AS leakproof,
       p.proparallel AS parallel,
       p.procost::text AS cost,
       CASE WHEN p.proretset THEN p.prorows::text END AS rows,
       ARRAY(SELECT s FROM unnest(p.proconfig) s ORDER BY s) AS config,
       CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) ELSE p.prosrc END AS body,
       CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS definition,
       obj_description(p.oid, 'pg_proc') AS comment,
       CASE WHEN %(grants)s THEN coalesce(p.proacl, acldefault('f', p.proowner))::text[] END AS acl
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname <> ALL(%(exclude)s) AND n.nspname NOT LIKE 'pg\_%%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
