-- Ids 1..n ascend with created_at, spread over two years; most old orders are delivered.
INSERT INTO orders (customer_id, status, amount, created_at, updated_at)
SELECT 1 + (random() * (%(customers)s::bigint - 1))::bigint,
       CASE WHEN r < 0.70 THEN 'delivered' WHEN r < 0.82 THEN 'shipped' WHEN r < 0.90 THEN 'paid'
            WHEN r < 0.96 THEN 'pending' ELSE 'cancelled' END,
       (500 + (random() * 49500)::int) / 100.0,
       ts,
       ts
FROM (
    SELECT g, random() AS r,
           now() - make_interval(secs => (%(orders)s::bigint - g) * (63072000.0 / %(orders)s::bigint)) AS ts
    FROM generate_series(1, %(orders)s::bigint) AS g
) AS s
