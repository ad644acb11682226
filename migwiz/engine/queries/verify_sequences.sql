-- Sequences owned by a column (serial and identity), with how far they are from the column's limit.
SELECT quote_ident(sn.nspname) || '.' || quote_ident(sc.relname) AS sequence_name,
       quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) AS table_name,
       quote_ident(a.attname) AS column_name,
       format_type(a.atttypid, a.atttypmod) AS column_type,
       s.seqincrement AS increment,
       s.seqmin AS min_value,
       s.seqmax AS max_value,
       ps.last_value AS last_value
FROM pg_sequence s
JOIN pg_class sc ON sc.oid = s.seqrelid
JOIN pg_namespace sn ON sn.oid = sc.relnamespace
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = sc.oid
                AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
JOIN pg_class tc ON tc.oid = d.refobjid
JOIN pg_namespace tn ON tn.oid = tc.relnamespace
JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
LEFT JOIN pg_sequences ps ON ps.schemaname = sn.nspname AND ps.sequencename = sc.relname
WHERE sn.nspname <> ALL(%(exclude)s) AND sn.nspname NOT LIKE 'pg\_%%' AND sn.nspname <> 'information_schema'
ORDER BY 1
