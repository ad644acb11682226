-- plan: fill the calibration sample table with %(rows)s rows shaped like an ordinary OLTP row
-- (a key, an integer in random order, ~40 bytes of text, a timestamp, a reference to 10,000 parents).
INSERT INTO {table} (id, n, label, created_at, parent_id)
SELECT g,
       (pg_catalog.hashint8(g) & 1073741823)::integer,
       pg_catalog.md5(g::text) || 'calibration',
       timestamptz '2024-01-01' + g * interval '1 second',
       1 + g %% 10000
FROM pg_catalog.generate_series(1, %(rows)s::bigint) AS g
