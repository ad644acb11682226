-- preflight: the sequence behind the ids of migwiz's events (parameter: the schema by name), NULL before the first run.
SELECT pg_get_serial_sequence(format('%%I.events', %s::text), 'id')
