INSERT INTO customers (email, name, country, created_at)
SELECT 'customer' || g || '@example.com',
       'Customer ' || g,
       (ARRAY['FR', 'DE', 'US', 'GB', 'ES', 'IT', 'NL', 'BR', 'JP', 'IN'])[1 + mod(g, 10)],
       now() - make_interval(days => mod(g, 1500)::int)
FROM generate_series(1, %(customers)s::bigint) AS g
